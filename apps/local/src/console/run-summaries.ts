import { isTerminalStatus, type RunHistory, type RunRecord } from '../history/run-history';
import type { RunSummary } from './console-api';

/**
 * A run's id in the console's URLs: its statement id, or for a run that never submitted one
 * (skipped, not started) its status and submission time.
 *
 * @example
 * runIdOf({ status: 'SKIPPED', submittedAt: '2026-12-06T11:00:00.000Z', … }); // 'skipped-2026-12-06T11:00:00.000Z'
 */
export function runIdOf(run: Pick<RunRecord, 'statementId' | 'status' | 'submittedAt'>): string {
  return run.statementId ?? `${run.status.toLowerCase().replace('_', '-')}-${run.submittedAt}`;
}

/**
 * A run of the history as the console's API shows it; `firstEndedAt` is when its first ended status
 * was recorded (the notifier's later entry adds rows, it does not end the run again).
 *
 * @example
 * const summary = toRunSummary(record);
 */
export function toRunSummary(run: RunRecord, firstEndedAt?: string): RunSummary {
  const ended = isTerminalStatus(run.status);
  return {
    runId: runIdOf(run),
    trigger: run.trigger,
    scheduledAt: run.scheduledTime,
    status: run.status,
    ended,
    submittedAt: run.submittedAt,
    endedAt: ended ? (firstEndedAt ?? run.updatedAt) : null,
    durationMs: run.durationMs ?? null,
    rowsLoaded: run.rows ?? null,
    statementId: run.statementId ?? null,
    statementName: run.statementName ?? null,
    error: run.error ?? null,
    reason: run.reason ?? null,
  };
}

/**
 * Every run of the state folder's history, newest first.
 *
 * @example
 * const runs = await listRunSummaries(new RunHistory(state.history));
 */
export async function listRunSummaries(history: RunHistory): Promise<RunSummary[]> {
  const [runs, entries] = await Promise.all([history.list(), history.entries()]);
  const firstEnded = new Map<string, string>();
  for (const entry of entries) {
    if (entry.type === 'status' && isTerminalStatus(entry.status) && !firstEnded.has(entry.statementId)) {
      firstEnded.set(entry.statementId, entry.at);
    }
  }
  return runs
    .map((run) =>
      toRunSummary(run, run.statementId === undefined ? undefined : firstEnded.get(run.statementId)),
    )
    .reverse();
}
