import { RunHistory, type RunRecord } from '../history/run-history';
import { formatDuration } from '../output/format-duration';
import { formatTable } from '../output/format-table';
import type { CommandContext } from './command-context';
import { integerOption } from './command-options';

/** Formats runs as the `runs` table: scheduled time, status, duration, rows, statement id. */
export function formatRuns(runs: readonly RunRecord[]): string {
  return formatTable(
    runs.map((run) => ({
      scheduled: run.scheduledTime,
      trigger: run.trigger,
      status: run.status,
      duration: run.durationMs === undefined ? '' : formatDuration(run.durationMs),
      rows: run.rows,
      statement: run.statementId ?? '',
      note: run.error ?? run.reason ?? '',
    })),
    ['scheduled', 'trigger', 'status', 'duration', 'rows', 'statement', 'note'],
  );
}

/** `shiftflow runs`: prints the run history, newest last. */
export async function runsCommand(
  context: CommandContext,
  resolve?: (history: RunHistory) => Promise<void>,
): Promise<number> {
  const limit = integerOption(context.options, 'limit', 20, 1);
  const history = new RunHistory(context.state().history);
  if (
    resolve &&
    (await history.list()).some(
      (run) => run.status === 'SUBMITTED' || run.status === 'STARTED' || run.status === 'PICKED',
    )
  ) {
    await resolve(history);
  }
  const runs = (await history.list()).slice(-limit);
  if (context.json) {
    context.stdout.line(JSON.stringify(runs));
    return 0;
  }
  if (runs.length === 0) {
    context.stdout.line('No runs yet: start one with "shiftflow run" or "shiftflow dev".');
    return 0;
  }
  context.stdout.line(formatRuns(runs));
  return 0;
}
