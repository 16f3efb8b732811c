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

/** What the notifier's history entry of a run said: rows loaded and duration, when it had them. */
export interface NotifierFacts {
  rows?: number;
  durationMs?: number;
}

/**
 * A run's duration, said as its notification says it: the duration the history has (the notifier's,
 * or DescribeStatement's); "under 1 s" (`durationBelowMs: 1000`) when the notifier read the run's
 * result row and gave no duration (its start and end GETDATE() stamps were the same whole second,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_GETDATE.html); otherwise, for an ended statement,
 * the time from its submission to its first ended status, by the notifier's rule (equal whole-second
 * stamps: under 1 s; an end before the start: unknown).
 *
 * @example
 * runDuration(run, '2026-12-06T11:36:28.845Z'); // { durationMs: 1298, durationBelowMs: null }
 */
export function runDuration(
  run: Pick<RunRecord, 'status' | 'durationMs' | 'statementId' | 'submittedAt'>,
  endedAt: string | null,
  notified?: NotifierFacts,
): { durationMs: number | null; durationBelowMs: number | null } {
  const unknown = { durationMs: null, durationBelowMs: null };
  if (run.durationMs !== undefined) return { durationMs: run.durationMs, durationBelowMs: null };
  if (endedAt === null || run.statementId === undefined) return unknown;
  if (run.status === 'FINISHED' && notified?.rows !== undefined && notified.durationMs === undefined) {
    return { durationMs: null, durationBelowMs: 1_000 };
  }
  const start = Date.parse(run.submittedAt);
  const end = Date.parse(endedAt);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return unknown;
  if (end === start && start % 1_000 === 0) return { durationMs: null, durationBelowMs: 1_000 };
  return end > start ? { durationMs: end - start, durationBelowMs: null } : unknown;
}

/**
 * A run of the history as the console's API shows it; `firstEndedAt` is when its first ended status
 * was recorded (the notifier's later entry adds rows, it does not end the run again).
 *
 * @example
 * const summary = toRunSummary(record);
 */
export function toRunSummary(run: RunRecord, firstEndedAt?: string, notified?: NotifierFacts): RunSummary {
  const ended = isTerminalStatus(run.status);
  const endedAt = ended ? (firstEndedAt ?? run.updatedAt) : null;
  return {
    runId: runIdOf(run),
    trigger: run.trigger,
    scheduledAt: run.scheduledTime,
    status: run.status,
    ended,
    submittedAt: run.submittedAt,
    endedAt,
    ...runDuration(run, endedAt, notified),
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
  const notified = new Map<string, NotifierFacts>();
  for (const entry of entries) {
    if (entry.type !== 'status') continue;
    if (isTerminalStatus(entry.status) && !firstEnded.has(entry.statementId)) {
      firstEnded.set(entry.statementId, entry.at);
    }
    if (entry.source === 'notifier') {
      notified.set(entry.statementId, {
        ...(entry.rows === undefined ? {} : { rows: entry.rows }),
        ...(entry.durationMs === undefined ? {} : { durationMs: entry.durationMs }),
      });
    }
  }
  return runs
    .map((run) =>
      run.statementId === undefined
        ? toRunSummary(run)
        : toRunSummary(run, firstEnded.get(run.statementId), notified.get(run.statementId)),
    )
    .reverse();
}
