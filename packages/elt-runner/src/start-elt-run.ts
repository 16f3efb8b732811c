import type { RedshiftData, StatementStatus } from '@shiftflow/data-api';
import {
  type ActiveStatementState,
  activeStatementStates,
  parseRunnerInput,
  type RunnerSettings,
  type RunTrigger,
  runRequestOf,
  statementNameFor,
} from '@shiftflow/events';
import { clientTokenFor } from './client-token-for';
import { RunStartError } from './errors';

/**
 * The Data API calls a run needs; `RedshiftData` of `@shiftflow/data-api` provides them.
 *
 * @example
 * ```ts
 * const dataApi: EltRunDataApi = new RedshiftData({ target: dataApiTargetOf(settings.target) });
 * ```
 */
export type EltRunDataApi = Pick<RedshiftData, 'execute' | 'listStatements'>;

/**
 * Structured logger; Powertools' `Logger` fits.
 *
 * @example
 * ```ts
 * const logger: RunLogger = new Logger({ serviceName: 'shiftflow-elt-runner' });
 * ```
 */
export interface RunLogger {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
}

/**
 * What `startEltRun` works with; tests pass their own.
 *
 * @example
 * ```ts
 * const dependencies: EltRunDependencies = { dataApi, settings: parseRunnerEnvironment(process.env), logger: new Logger() };
 * ```
 */
export interface EltRunDependencies {
  dataApi: EltRunDataApi;
  settings: RunnerSettings;
  logger: RunLogger;
  /** The clock. Defaults to `() => new Date()`. */
  now?: () => Date;
}

/** Fields every result carries. */
interface RunIdentity {
  pipelineName: string;
  /** The run's id: its statement name, `<pipeline>/<scheduled time>` or `<pipeline>/manual/<time>`. */
  runId: string;
  trigger: RunTrigger;
  /** Scheduled time (ISO), or the manual request's time. */
  scheduledTime: string;
  /** Why a manual run was requested. */
  reason?: string;
}

/**
 * A run whose statement was submitted (or had been, by an earlier attempt with the same token).
 *
 * @example
 * ```ts
 * if (result.status === 'started') console.log(`${result.runId} is statement ${(result satisfies StartedRun).statementId}`);
 * ```
 */
export interface StartedRun extends RunIdentity {
  status: 'started';
  statementId: string;
  clientToken: string;
}

/**
 * A run that was not started because a statement of the pipeline is still active.
 *
 * @example
 * ```ts
 * if (result.status === 'skipped') console.warn(`${result.runId} skipped: ${(result satisfies SkippedRun).skipReason}`);
 * ```
 */
export interface SkippedRun extends RunIdentity {
  status: 'skipped';
  /** Why, in words. */
  skipReason: string;
  activeStatementId: string;
  activeStatementName: string | undefined;
  activeStatus: ActiveStatementState;
}

/**
 * What `startEltRun` returns.
 *
 * @example
 * ```ts
 * const result: EltRunResult = await startEltRun(event, dependencies);
 * if (result.status === 'skipped') console.warn(result.skipReason);
 * ```
 */
export type EltRunResult = StartedRun | SkippedRun;

/**
 * The most statements one ListStatements page returns (`MaxResults` 0–100,
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListStatements.html).
 */
const listPageSize = 100;

function isActive(status: StatementStatus | undefined): status is ActiveStatementState {
  return (activeStatementStates as readonly (StatementStatus | undefined)[]).includes(status);
}

/**
 * Looks for an active statement of the pipeline with ONE ListStatements call: `Status: 'ALL'`,
 * `StatementName` = the pipeline prefix, one page of up to 100 statements, newest first.
 *
 * Why one call is enough. The race the older three-call loop guarded against was a statement
 * moving between states *between* calls (PICKED listed just before it got there, SUBMITTED just
 * after it left): with one call per state, asking in the wrong order could miss it. One `ALL`
 * listing reads each statement once, with the one state it has at that moment, so there is no
 * "between" in which it can slip from one filter to another.
 *
 * What it costs. The guard sees one page: the 100 newest statements of the pipeline. A query runs
 * at most 24 hours ("Considerations when calling the Amazon Redshift Data API",
 * https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-calling-considerations.html), so an
 * active statement is older than the page only if 100 statements of the pipeline were started after
 * it while it was still active, i.e. only after the guard had already been bypassed 100 times (the
 * runner starts a statement only when it finds none active). A pipeline with at most 100
 * statements in the 24 hours before a run (any schedule up to every 15 minutes, plus manual runs)
 * is listed whole, whatever order the service uses.
 *
 * What neither design closes. Two invocations for *different* scheduled times running at the same
 * moment can both list nothing and both submit (check, then act); the `ClientToken` only
 * deduplicates retries of the *same* scheduled time. It takes an invocation delayed past the next
 * scheduled time; both statements then run, and each is announced.
 */
async function findActiveStatement(
  dataApi: EltRunDataApi,
  prefix: string,
): Promise<{ id: string; statementName: string | undefined; status: ActiveStatementState } | undefined> {
  for await (const statement of dataApi.listStatements({
    statementNamePrefix: prefix,
    status: 'ALL',
    maxResults: listPageSize,
  })) {
    // A lenient endpoint might match the prefix loosely; only this pipeline's statements count.
    if (!statement.statementName?.startsWith(prefix)) continue;
    if (isActive(statement.status)) {
      return { id: statement.id, statementName: statement.statementName, status: statement.status };
    }
  }
  return undefined;
}

/**
 * Starts one ELT run: parses the input (scheduled event or manual request), skips the run when a
 * statement of the pipeline is still SUBMITTED, PICKED or STARTED, otherwise submits the ELT SQL
 * with `WithEvent`, `StatementName` `<pipeline>/<scheduled time>` and a `ClientToken` derived from
 * pipeline and scheduled time. Returns at once; it never polls.
 *
 * @example
 * ```ts
 * const result = await startEltRun(event, { dataApi, settings: parseRunnerEnvironment(process.env), logger });
 * if (result.status === 'started') console.log(result.statementId);
 * ```
 */
export async function startEltRun(input: unknown, dependencies: EltRunDependencies): Promise<EltRunResult> {
  const { dataApi, settings, logger } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const request = runRequestOf(parseRunnerInput(input), now());
  const runId = statementNameFor({
    pipelineName: settings.pipelineName,
    trigger: request.trigger,
    scheduledTime: request.scheduledTime,
  });
  const identity: RunIdentity = {
    pipelineName: settings.pipelineName,
    runId,
    trigger: request.trigger,
    scheduledTime: request.scheduledTime.toISOString(),
    ...(request.reason === undefined ? {} : { reason: request.reason }),
  };

  let active: Awaited<ReturnType<typeof findActiveStatement>>;
  try {
    active = await findActiveStatement(dataApi, `${settings.pipelineName}/`);
  } catch (error) {
    throw new RunStartError(runId, 'ListStatements', error);
  }
  if (active !== undefined) {
    const skipReason =
      active.statementName === runId
        ? `this run is already ${active.status} (statement ${active.id}, started by an earlier attempt)`
        : `statement ${active.id} (${active.statementName ?? 'unnamed'}) of this pipeline is still ${active.status}`;
    logger.warn('run skipped: a statement of this pipeline is still active', {
      ...identity,
      skipReason,
      activeStatementId: active.id,
      activeStatementName: active.statementName,
      activeStatus: active.status,
    });
    return {
      ...identity,
      status: 'skipped',
      skipReason,
      activeStatementId: active.id,
      activeStatementName: active.statementName,
      activeStatus: active.status,
    };
  }

  const clientToken = clientTokenFor({
    pipelineName: settings.pipelineName,
    trigger: request.trigger,
    scheduledTime: request.scheduledTime,
  });
  let statementId: string;
  try {
    ({ id: statementId } = await dataApi.execute(settings.eltSql, {
      statementName: runId,
      withEvent: true,
      clientToken,
    }));
  } catch (error) {
    throw new RunStartError(runId, 'ExecuteStatement', error);
  }
  logger.info('run started', { ...identity, statementId, clientToken });
  return { ...identity, status: 'started', statementId, clientToken };
}
