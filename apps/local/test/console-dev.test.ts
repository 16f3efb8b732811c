/**
 * `shiftflow dev` serves the console beside the schedule: it prints the console's URL, reports the
 * schedule as running, and Run now goes through dev's own queue to a FINISHED run; `--no-console`
 * starts none.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNowResponseSchema, runsResponseSchema } from '../src/console/console-api';
import { runCliProcess, startCliProcess } from './cli-process';
import { EventStreamReader, waitForConsoleUrl } from './console-client';

let state: string;

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-console-dev-'));
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

async function waitForOutput(output: () => string, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`"${text}" did not appear within ${timeoutMs} ms:\n${output()}`);
    await sleep(50);
  }
}

describe('shiftflow dev with the console', () => {
  it('prints the console URL; Run now runs through dev to FINISHED while the schedule is reported running', async () => {
    const dev = await startCliProcess(['dev', '--no-first-run', '--rows', '300', '--state-dir', state]);
    try {
      const { origin, token } = await waitForConsoleUrl(dev.output, 300_000);
      const headers = { authorization: `Bearer ${token}`, 'x-shiftflow-console': '1' };
      const runs = runsResponseSchema.parse(await (await fetch(`${origin}/api/runs`, { headers })).json());
      expect(runs.schedule.active).toBe(true);
      expect(runs.runs).toEqual([]);

      const stream = new EventStreamReader();
      await stream.open(origin, token);
      try {
        const response = await fetch(`${origin}/api/runs`, { method: 'POST', headers });
        expect(response.status).toBe(202);
        const { runId } = runNowResponseSchema.parse(await response.json());
        const ended = await stream.next(
          (event) => event.event === 'run-ended' && event.data.run.runId === runId,
          300_000,
        );
        expect(ended.event === 'run-ended' && ended.data.run.status).toBe('FINISHED');
      } finally {
        await stream.close();
      }
      // dev prints the run's view after it, as for its own runs.
      await waitForOutput(dev.stdout, 'nyc_yellow_taxi_volume_analysis', 120_000);
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  });

  it('starts no console with --no-console', async () => {
    const dev = await startCliProcess(['dev', '--no-first-run', '--no-console', '--state-dir', state]);
    try {
      await waitForOutput(dev.output, 'next scheduled run', 300_000);
      expect(dev.output()).not.toContain('console: http');
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  });

  it('refuses a bad console port with exit code 2 naming the flag, before opening the pipeline', async () => {
    const dev = await runCliProcess(['dev', '--console-port', 'abc', '--state-dir', state]);
    const consoleResult = await runCliProcess(['console', '--port', '70000', '--state-dir', state]);

    expect(dev.code).toBe(2);
    expect(dev.stderr).toContain('--console-port');
    expect(dev.stderr).not.toContain('local Redshift');
    expect(consoleResult.code).toBe(2);
    expect(consoleResult.stderr).toContain('--port');
  });
});
