import { expect } from 'vitest';
import { runCliProcess } from './cli-process';

/**
 * How many rows of the sample table `shiftflow query` sees in a state folder; the query must
 * succeed (its stderr is the failure message).
 *
 * @example
 * ```ts
 * expect(await loadedRowCount(stateDir)).toBe(1000);
 * ```
 */
export async function loadedRowCount(stateDir: string): Promise<number> {
  const result = await runCliProcess([
    'query',
    'select count(*)::int as n from nyc_yellow_taxi',
    '--json',
    '--state-dir',
    stateDir,
  ]);
  expect(result.code, result.stderr).toBe(0);
  return Number(/"n"\s*:\s*"?(\d+)/.exec(result.stdout)?.[1]);
}
