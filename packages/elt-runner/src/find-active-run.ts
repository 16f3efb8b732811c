import type { RedshiftData, StatementStatus } from '@shiftflow/data-api';
import { activeStatementStates } from '@shiftflow/events';
import { SetupRunActiveError } from './migration-errors';

/**
 * An ELT run statement of the pipeline that has not ended.
 *
 * @example
 * ```ts
 * const run: ActiveRun = { id: 'b65a…', statementName: 'nyc-taxi/2026-12-06T06:00:00.000Z', status: 'STARTED' };
 * ```
 */
export interface ActiveRun {
  id: string;
  statementName: string | undefined;
  status: string;
}

/**
 * The newest active (SUBMITTED, PICKED, STARTED) statement named `<pipeline>/…`, the runner's statement
 * names, from one ListStatements page (`Status: ALL`, newest first), or undefined.
 *
 * Setup runs as the runner's IAM role (the writer role), and ListStatements returns the statements of the
 * caller's IAM role: `RoleLevel` "If true, all statements run by the caller's IAM role are returned. If
 * false, only statements run by the caller's IAM role in the current IAM session are returned. The default
 * is true." (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListStatements.html). So the
 * setup function sees the runner's statements, which a Lambda of another session of that role submitted.
 *
 * @example
 * ```ts
 * const run = await findActiveRun(dataApi, 'nyc-taxi');
 * if (run) console.log(`${run.statementName} is ${run.status}`);
 * ```
 */
export async function findActiveRun(
  dataApi: Pick<RedshiftData, 'listStatements'>,
  pipelineName: string,
): Promise<ActiveRun | undefined> {
  const prefix = `${pipelineName}/`;
  for await (const statement of dataApi.listStatements({
    statementNamePrefix: prefix,
    status: 'ALL',
    maxResults: 100,
    roleLevel: true,
  })) {
    if (!statement.statementName?.startsWith(prefix)) continue;
    if ((activeStatementStates as readonly (StatementStatus | undefined)[]).includes(statement.status)) {
      return { id: statement.id, statementName: statement.statementName, status: String(statement.status) };
    }
  }
  return undefined;
}

/**
 * Options of {@link waitForNoActiveRun}.
 *
 * @example
 * ```ts
 * const options: ActiveRunWait = { timeoutMs: 120_000, pollIntervalMs: 5000 };
 * ```
 */
export interface ActiveRunWait {
  /** Give up (SetupRunActiveError) when a run is still active after this long. 0 checks once. */
  timeoutMs: number;
  /** Pause between checks. Defaults to 5 s. */
  pollIntervalMs?: number;
  /** Called once when a run is found active, before waiting. */
  onWait?: (run: ActiveRun) => void;
}

/**
 * Waits, bounded, until no ELT run of the pipeline is active; throws {@link SetupRunActiveError} naming the
 * run when one still is after `timeoutMs`.
 *
 * @example
 * ```ts
 * await waitForNoActiveRun(dataApi, 'nyc-taxi', { timeoutMs: 120_000 });
 * ```
 */
export async function waitForNoActiveRun(
  dataApi: Pick<RedshiftData, 'listStatements'>,
  pipelineName: string,
  wait: ActiveRunWait,
): Promise<void> {
  const started = performance.now();
  let told = false;
  for (;;) {
    const run = await findActiveRun(dataApi, pipelineName);
    if (run === undefined) return;
    const waited = performance.now() - started;
    if (waited >= wait.timeoutMs)
      throw new SetupRunActiveError(run.id, run.statementName, run.status, waited);
    if (!told) wait.onWait?.(run);
    told = true;
    const pause = Math.min(wait.pollIntervalMs ?? 5000, Math.max(1, wait.timeoutMs - waited));
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
