/**
 * `shiftflow console` in a real browser: the console over a state folder that `shiftflow run`
 * filled, without the schedule; its Run now runs once and the page follows that run live.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli-process';
import { type ConsoleSession, openConsole, screenshot } from './console-session';

let state: string;
let opened: ConsoleSession | undefined;
let openError: unknown;
let firstRunId: string;

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-console-command-'));
  try {
    const run = await runCliProcess(['run', '--json', '--rows', '300', '--state-dir', state]);
    if (run.code !== 0) throw new Error(`shiftflow run exited with ${run.code}: ${run.stderr}`);
    firstRunId = (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { statementId: string }).statementId;
    opened = await openConsole(['console', '--state-dir', state]);
  } catch (error) {
    // Every test throws it: a missing browser fails them with how to install one.
    openError = error;
  }
});
afterAll(async () => {
  const code = opened ? await opened.close() : 0;
  await rm(state, { recursive: true, force: true });
  expect(code).toBe(0);
});

function openedConsole(): ConsoleSession {
  if (opened) return opened;
  throw openError instanceof Error ? openError : new Error(`the console did not open: ${String(openError)}`);
}

describe('shiftflow console in Chromium', () => {
  it('lists the earlier run, says the schedule is not run here, and follows a Run now to FINISHED', async () => {
    const { page } = openedConsole();
    const earlier = page.locator(`tr[data-run-id="${firstRunId}"][data-status="FINISHED"]`);
    await earlier.waitFor();
    await page.getByRole('heading', { name: 'Schedule (not run by this process)' }).waitFor();
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();

    await page.getByRole('button', { name: 'Run now' }).click();
    const next = page.locator(`[data-testid="runs-table"] tbody tr:not([data-run-id="${firstRunId}"])`);
    await next.and(page.locator('[data-status="FINISHED"]')).waitFor({ timeout: 240_000 });
    await expect(page.locator('[data-testid="runs-table"] tbody tr').count()).resolves.toBe(2);
    await screenshot(page, 'console-command-runs');
  });
});
