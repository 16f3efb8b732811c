/**
 * `shiftflow serve` delivers the status-change events of WithEvent statements — the same events
 * the local app's event bus gets — to a user's own event-driven code: POSTed to `--events-to`,
 * appended to `<state>/events.ndjson`, and streamed as server-sent events on `GET <endpoint>/events`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExecuteStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCliProcess } from './cli-process';

interface Envelope {
  id: string;
  'detail-type': string;
  detail: { statementId: string; state: string; statementName: string };
}

let directory: string;
let webhook: Server;
const posted: Envelope[] = [];
let serve: Awaited<ReturnType<typeof startCliProcess>>;
let info: {
  environment: Record<string, string>;
  target: { workgroupName?: string; clusterIdentifier?: string; database: string };
  events: { stream: string; file: string; webhook?: string };
};

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-serve-events-'));
  webhook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      posted.push(JSON.parse(body));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
  serve = await startCliProcess(['serve', '--json', '--state-dir', directory, '--events-to', hook]);
  info = JSON.parse(serve.firstLine);
});

afterAll(async () => {
  await serve?.stop();
  await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
  await rm(directory, { recursive: true, force: true });
});

describe('shiftflow serve --events-to', () => {
  it('says where the events go', () => {
    const endpoint = info.environment.AWS_ENDPOINT_URL_REDSHIFT_DATA;
    expect(info.events).toEqual({
      stream: `${endpoint}/events`,
      file: path.join(directory, 'events.ndjson'),
      webhook: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/hook$/),
    });
  });

  it('delivers a WithEvent statement’s event to the webhook, the NDJSON file and the /events stream', async () => {
    const streamed: string[] = [];
    const controller = new AbortController();
    const response = await fetch(info.events.stream, { signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done || value === undefined) return;
        streamed.push(value);
      }
    })();
    await vi.waitFor(() => expect(streamed.join('')).toContain(': subscribed'), { timeout: 60_000 });
    const client = new RedshiftDataClient({
      endpoint: info.environment.AWS_ENDPOINT_URL_REDSHIFT_DATA,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const { Id } = await client.send(
        new ExecuteStatementCommand({
          WorkgroupName: info.target.workgroupName,
          ClusterIdentifier: info.target.clusterIdentifier,
          Database: info.target.database,
          Sql: 'select 1',
          WithEvent: true,
          StatementName: 'my-app/check',
        }),
      );
      await vi.waitFor(() => expect(posted.map((event) => event.detail.statementId)).toEqual([Id]), {
        timeout: 60_000,
      });
      expect(posted[0]).toMatchObject({
        'detail-type': 'Redshift Data Statement Status Change',
        detail: { state: 'FINISHED', statementName: 'my-app/check' },
      });
      await vi.waitFor(() => expect(streamed.join('')).toContain(`"statementId":"${Id}"`), {
        timeout: 60_000,
      });
      const lines = (await readFile(info.events.file, 'utf8')).trim().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as Envelope).id)).toEqual([posted[0]!.id]);
    } finally {
      client.destroy();
      controller.abort();
      await reading;
    }
  });
});
