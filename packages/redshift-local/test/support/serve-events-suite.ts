/**
 * `redshift-local serve` delivers the status-change events of WithEvent statements where a user's
 * own event-driven code can receive them: POSTed to a webhook (`--events-to`), appended to an
 * NDJSON file (`--events-file`) and streamed as server-sent events on `GET /events`. Statements go
 * in through the real SDK; every delivery must carry the same event.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ExecuteStatementCommand } from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRedshift, StatementStatusChangeEnvelope } from '../../src/index';
import { runRedshiftLocalCommand } from '../../src/run-redshift-local-command';
import { sdkClient } from './local-redshift-fixture';

const quiet = { write: () => true };
const waitLong = { timeout: 120_000, interval: 50 };

/** Reads an SSE stream, collecting the `data:` of each `status-change` message. */
async function subscribe(url: string, received: StatementStatusChangeEnvelope[]): Promise<AbortController> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (message.startsWith(': subscribed')) subscribed();
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (/^event: status-change$/m.test(message) && data !== undefined) received.push(JSON.parse(data));
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  await ready;
  return controller;
}

export function defineServeEventsSuite(engineName: string, extraArguments: () => string[] | undefined): void {
  describe(`redshift-local serve delivers status-change events on ${engineName}`, () => {
    let root: string;
    let redshift: LocalRedshift | undefined;
    let webhook: Server;
    const posted: StatementStatusChangeEnvelope[] = [];

    beforeAll(async () => {
      const extra = extraArguments();
      if (extra === undefined) return;
      root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-events-'));
      mkdirSync(path.join(root, 's3'));
      webhook = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        request.on('end', () => {
          posted.push(JSON.parse(body));
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
      const { port } = webhook.address() as AddressInfo;
      redshift = await runRedshiftLocalCommand(
        [
          'serve',
          ...['--s3-root', path.join(root, 's3'), '--data-dir', path.join(root, 'data')],
          ...['--events-to', `http://127.0.0.1:${port}/hook`],
          ...['--events-file', path.join(root, 'events.ndjson')],
          ...extra,
        ],
        quiet,
        quiet,
      );
    });

    afterAll(async () => {
      await redshift?.close();
      await new Promise<void>((resolve) => (webhook ? webhook.close(() => resolve()) : resolve()));
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('sends each event to the webhook, the NDJSON file and every /events subscriber', async () => {
      const streamed: StatementStatusChangeEnvelope[] = [];
      const stream = await subscribe(`${redshift!.endpoint}/events`, streamed);
      const client = sdkClient(redshift!.endpoint);
      try {
        const ok = await client.send(
          new ExecuteStatementCommand({
            WorkgroupName: 'local',
            Database: 'dev',
            Sql: 'select 1',
            WithEvent: true,
            StatementName: 'events/ok',
          }),
        );
        const failed = await client.send(
          new ExecuteStatementCommand({
            WorkgroupName: 'local',
            Database: 'dev',
            Sql: 'select * from no_such_table',
            WithEvent: true,
            StatementName: 'events/failed',
          }),
        );
        const quiet = await client.send(
          new ExecuteStatementCommand({ WorkgroupName: 'local', Database: 'dev', Sql: 'select 2' }),
        );
        // On PostgreSQL session-less statements run concurrently: the two may end in either order.
        const states = (events: StatementStatusChangeEnvelope[]) =>
          events.map((event) => [event.detail.statementId, event.detail.state]).sort();
        const expected = [
          [ok.Id, 'FINISHED'],
          [failed.Id, 'FAILED'],
        ].sort();
        await vi.waitFor(() => expect(states(posted)).toEqual(expected), waitLong);
        await vi.waitFor(() => expect(states(streamed)).toEqual(expected), waitLong);
        const lines = readFileSync(path.join(root, 'events.ndjson'), 'utf8').trim().split('\n');
        const filed = lines.map((line) => JSON.parse(line) as StatementStatusChangeEnvelope);
        expect(states(filed)).toEqual(expected);
        // One event, three deliveries: the same envelope (same id) everywhere.
        expect(streamed.map((event) => event.id)).toEqual(posted.map((event) => event.id));
        expect(filed.map((event) => event.id)).toEqual(posted.map((event) => event.id));
        expect(posted[0]).toMatchObject({
          'detail-type': 'Redshift Data Statement Status Change',
          source: 'aws.redshift-data',
          detail: { statementName: 'events/ok', rows: 1 },
        });
        expect(posted.some((event) => event.detail.statementId === quiet.Id)).toBe(false);
      } finally {
        stream.abort();
        client.destroy();
      }
    });
  });
}
