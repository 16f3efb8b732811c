/**
 * `shiftflow console` beside another shiftflow process on the same state folder (here `serve`):
 * it does not fight for the engine; it reads the state folder, sends SQL to that process's Data API
 * endpoint and refuses Run now, saying where runs start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleErrorSchema, runsResponseSchema, sqlResultSchema } from '../src/console/console-api';
import { startCliProcess } from './cli-process';
import { waitForConsoleUrl } from './console-client';

let state: string;

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-console-beside-'));
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('shiftflow console beside shiftflow serve', () => {
  it("uses serve's Data API endpoint for SQL and refuses Run now with 409 RUN_UNAVAILABLE naming serve", async () => {
    const serve = await startCliProcess(['serve', '--state-dir', state]);
    try {
      const endpoint = /AWS_ENDPOINT_URL_REDSHIFT_DATA=(\S+)/;
      const deadline = Date.now() + 300_000;
      while (!endpoint.test(serve.stdout()) && Date.now() < deadline) await sleep(50);
      expect(serve.stdout()).toMatch(endpoint);
      const consoleProcess = await startCliProcess(['console', '--state-dir', state]);
      try {
        const { origin, token } = await waitForConsoleUrl(consoleProcess.output, 300_000);
        const headers = { authorization: `Bearer ${token}`, 'x-shiftflow-console': '1' };

        const runs = runsResponseSchema.parse(await (await fetch(`${origin}/api/runs`, { headers })).json());
        const runNow = await fetch(`${origin}/api/runs`, { method: 'POST', headers });
        const sql = await fetch(`${origin}/api/sql`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ sql: 'select 41 + 1 as answer' }),
        });

        expect(runs.runNow.available).toBe(false);
        expect(runs.runNow.reason).toContain('shiftflow serve');
        expect(runNow.status).toBe(409);
        expect(consoleErrorSchema.parse(await runNow.json()).code).toBe('RUN_UNAVAILABLE');
        expect(sqlResultSchema.parse(await sql.json()).rows).toEqual([[42]]);
        expect(consoleProcess.output()).toContain(serve.stdout().match(endpoint)![1]!);
      } finally {
        expect(await consoleProcess.stop()).toBe(0);
      }
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});
