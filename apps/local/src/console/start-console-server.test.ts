import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePipelineConfig } from '@shiftflow/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunHistory } from '../history/run-history';
import { createLocalDataApi } from '../pipeline/create-local-data-api';
import { stateLayout } from '../state/state-layout';
import {
  consoleErrorSchema,
  inboxResponseSchema,
  runDetailResponseSchema,
  runsResponseSchema,
} from './console-api';
import { ConsoleEvents } from './console-events';
import { ConsoleAssetsMissingError } from './errors';
import { SqlHistory } from './sql-history';
import { type ConsoleServer, startConsoleServer } from './start-console-server';

/** The repository's own configuration: a real pipeline configuration. */
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
let root: string;
let assets: string;
let server: ConsoleServer;
let events: ConsoleEvents;
const errors: unknown[] = [];
const warnings: unknown[] = [];

function sources() {
  const state = stateLayout(path.join(root, 'state'));
  const history = new RunHistory(state.history);
  events = new ConsoleEvents({ state, history, intervalMs: 50, onError: (error) => warnings.push(error) });
  return {
    config: parsePipelineConfig(
      JSON.parse(readFileSync(path.join(repositoryRoot, 'shiftflow.config.json'), 'utf8')),
    ),
    state,
    repositoryRoot,
    history,
    // Nothing listens there: these tests never reach the Data API.
    dataApi: createLocalDataApi('http://127.0.0.1:9', {
      type: 'serverless',
      workgroupName: 'wg',
      database: 'dev',
    }),
    sqlHistory: new SqlHistory(state),
    events,
    scheduleActive: false,
    runLauncher: undefined,
    runUnavailableReason: 'a test console',
  };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shiftflow-console-server-'));
  assets = path.join(root, 'fixture-assets');
  await mkdir(assets);
  await writeFile(path.join(assets, 'index.html'), '<!doctype html><div id="app">fixture</div>');
  await writeFile(path.join(assets, 'app.js'), 'console.log("fixture");');
  const serverSources = sources();
  await events.start();
  server = await startConsoleServer({
    sources: serverSources,
    assetsFolder: assets,
    token: 'fixture-token',
    onError: (error) => errors.push(error),
  });
});
afterAll(async () => {
  events.close();
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const authorized = { authorization: 'Bearer fixture-token', 'x-shiftflow-console': '1' };

describe('startConsoleServer', () => {
  it('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=fixture-token`);
  });

  it('answers every page path with index.html and serves the folder’s files', async () => {
    for (const page of ['/', '/runs', '/runs/abc', '/inbox', '/data', '/sql']) {
      const response = await fetch(`${server.origin}${page}`, { headers: authorized });
      expect(response.status, page).toBe(200);
      expect(await response.text()).toContain('fixture');
    }
    const script = await fetch(`${server.origin}/app.js`, { headers: authorized });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers an unknown path, a wrong method and a bad body with a typed JSON error, and goes on', async () => {
    const cases: [string, string, number, string][] = [
      ['GET', '/nope.js', 404, 'NOT_FOUND'],
      ['GET', '/api/nope', 404, 'NOT_FOUND'],
      ['DELETE', '/api/runs', 405, 'METHOD_NOT_ALLOWED'],
      ['GET', '/api/sql', 405, 'METHOD_NOT_ALLOWED'],
      ['POST', '/api/runs', 409, 'RUN_UNAVAILABLE'],
      ['GET', '/api/sql/results', 400, 'BAD_REQUEST'],
      ['GET', '/api/runs/%E0%A4%A', 400, 'BAD_REQUEST'],
      ['GET', '/api/runs/no-such-run', 404, 'NOT_FOUND'],
    ];
    for (const [method, route, status, code] of cases) {
      const response = await fetch(`${server.origin}${route}`, { method, headers: authorized });
      expect(response.status, `${method} ${route}`).toBe(status);
      expect(consoleErrorSchema.parse(await response.json()).code).toBe(code);
    }
    const tooLarge = await fetch(`${server.origin}/api/sql`, {
      method: 'POST',
      headers: authorized,
      body: JSON.stringify({ sql: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(tooLarge.status).toBe(413);
    const runs = runsResponseSchema.parse(
      await (await fetch(`${server.origin}/api/runs`, { headers: authorized })).json(),
    );
    expect(runs.runNow).toEqual({ available: false, active: false, reason: 'a test console' });
    expect(errors).toEqual([]);
  });

  it('sends a run appended to the history to an open event stream', async () => {
    const response = await fetch(`${server.origin}/api/events`, { headers: authorized });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${needle}: ${text}`);
        text += value;
      }
    };
    await readUntil('event: ready');
    await new RunHistory(path.join(root, 'state', 'runs.jsonl')).append({
      type: 'skipped',
      scheduledTime: '2026-12-06T11:00:00.000Z',
      reason: 'a statement of the pipeline is still running',
      trigger: 'schedule',
    });

    await readUntil('event: run-ended');

    expect(text.indexOf('event: run-submitted')).toBeGreaterThan(text.indexOf('event: ready'));
    expect(text).toContain('"status":"SKIPPED"');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await reader.cancel();
  });

  it('leaves a damaged outbox file out of the inbox and reports it once, however often it is read', async () => {
    const outbox = path.join(root, 'state', 'outbox');
    await mkdir(outbox, { recursive: true });
    const damaged = path.join(outbox, '2026-12-06T11-00-00.000Z-00000000-0000-4000-8000-000000000000.json');
    await writeFile(damaged, '{"cut short');

    for (let read = 0; read < 3; read++) {
      const response = await fetch(`${server.origin}/api/inbox`, { headers: authorized });
      expect(response.status).toBe(200);
      expect(inboxResponseSchema.parse(await response.json()).messages).toEqual([]);
      await events.look();
    }

    const reports = warnings.map(String).filter((warning) => warning.includes(damaged));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('is not an SNS notification document');
  });

  it("shows a run's history facts and why its statement could not be described when the engine is not reachable", async () => {
    await new RunHistory(path.join(root, 'state', 'runs.jsonl')).append({
      type: 'submitted',
      scheduledTime: '2026-12-06T11:00:00.000Z',
      statementId: '11111111-2222-4333-8444-555555555555',
      statementName: 'nyc-taxi/manual/2026-12-06T11:00:00.000Z',
      trigger: 'manual',
    });

    const response = await fetch(`${server.origin}/api/runs/11111111-2222-4333-8444-555555555555`, {
      headers: authorized,
    });
    const detail = runDetailResponseSchema.parse(await response.json());

    expect(response.status).toBe(200);
    expect(detail.statement).toMatchObject({ described: false, sql: 'CALL run_elt_process();' });
    expect(detail.statement?.describeError).toEqual(expect.any(String));
    expect(detail.statement?.timeline.map((step) => step.status)).toEqual(['SUBMITTED']);
  });

  it('stops while a page still holds an event stream open', async () => {
    const extra = await startConsoleServer({ sources: sources(), assetsFolder: assets, token: 'other' });
    const response = await fetch(`${extra.origin}/api/events`, {
      headers: { authorization: 'Bearer other' },
    });
    expect(response.status).toBe(200);

    await extra.close();

    await expect(
      fetch(`${extra.origin}/api/runs`, { headers: { authorization: 'Bearer other' } }),
    ).rejects.toThrow();
  });

  it('refuses to start without the built page, naming the folder', async () => {
    await expect(
      startConsoleServer({ sources: sources(), assetsFolder: path.join(root, 'not-built') }),
    ).rejects.toThrow(ConsoleAssetsMissingError);
  });
});
