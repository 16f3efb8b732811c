import type { StatementDescription } from '@shiftflow/data-api';
import { parseStatementName, type TerminalStatementState } from '@shiftflow/events';
import type { EndedStatement } from './ended-statement';
import { findLoadFailure } from './find-load-failure';
import type { RunReport } from './format-notification';
import type { NotifierDependencies } from './notifier-dependencies';
import { readLoadErrors } from './read-load-errors';
import { readRunResult } from './read-run-result';
import { redshiftConsoleUrls } from './redshift-console-urls';

function isTerminal(status: string | undefined): status is TerminalStatementState {
  return status === 'FINISHED' || status === 'FAILED' || status === 'ABORTED';
}

/**
 * Gathers what the message about an ended run says, with as few Data API calls as the outcome
 * allows. FINISHED (as the event or listing reports it): one GetStatementResult of the CALL's
 * result row (rows loaded, start and end; `run_elt_process`'s OUT arguments). FAILED or ABORTED:
 * one DescribeStatement (error text, failing SQL, duration) and, when the error is Redshift's load
 * error, one query of the load-error rows (ExecuteStatement, DescribeStatement, GetStatementResult):
 * at most four calls. Details that cannot be read are logged and left out; the run is still announced.
 *
 * @throws RedshiftDataError when DescribeStatement fails (the caller releases its claim and retries).
 * @example
 * ```ts
 * const report = await reportEndedRun({ statementId, statementName, state: 'FAILED' }, dependencies);
 * ```
 */
export async function reportEndedRun(
  statement: EndedStatement,
  dependencies: NotifierDependencies,
): Promise<RunReport> {
  const nameParts = statement.statementName ? parseStatementName(statement.statementName) : undefined;
  const urls = redshiftConsoleUrls({ region: dependencies.region, target: dependencies.target });
  const base: RunReport = {
    pipelineName: dependencies.pipelineName,
    statementId: statement.statementId,
    state: statement.state,
    consoleUrl: urls.target,
    queryEditorUrl: urls.queryEditor,
    ...(statement.endedAt === undefined ? {} : { endedAt: statement.endedAt }),
    ...(statement.statementName === undefined ? {} : { statementName: statement.statementName }),
    ...(nameParts === undefined
      ? {}
      : { trigger: nameParts.trigger, scheduledTime: nameParts.scheduledTime }),
  };
  if (statement.state === 'FINISHED') return { ...base, ...(await finishedDetails(statement, dependencies)) };

  const description = await dependencies.dataApi.describe(statement.statementId);
  const state = isTerminal(description.status) ? description.status : statement.state;
  if (state !== statement.state) {
    dependencies.logger.warn(
      'the event and DescribeStatement disagree on the state; announcing DescribeStatement',
      {
        pipeline: dependencies.pipelineName,
        statementId: statement.statementId,
        eventState: statement.state,
        describedState: state,
      },
    );
  }
  const report: RunReport = {
    ...base,
    state,
    ...(base.endedAt === undefined ? { endedAt: description.updatedAt } : {}),
    ...(description.durationMs === undefined ? {} : { durationMs: description.durationMs }),
  };
  if (state === 'FINISHED') return { ...report, ...(await finishedDetails(statement, dependencies)) };
  const failingSubStatement = description.subStatements.find(
    (subStatement) => subStatement.status === 'FAILED',
  );
  const error = failingSubStatement?.error ?? description.error;
  const failingSql = failingSubStatement?.queryString ?? description.queryString;
  return {
    ...report,
    ...(error === undefined ? {} : { error }),
    ...(failingSql === undefined ? {} : { failingSql }),
    ...(await loadErrorDetails(error, description, dependencies)),
  };
}

async function finishedDetails(
  statement: EndedStatement,
  dependencies: NotifierDependencies,
): Promise<Pick<RunReport, 'rowsLoaded' | 'durationMs' | 'durationBelowMs' | 'endedAt'>> {
  try {
    const result = await readRunResult(dependencies.dataApi, statement.statementId);
    if (result === undefined) {
      dependencies.logger.warn('the run returned no result row; announcing without rows loaded', {
        pipeline: dependencies.pipelineName,
        statementId: statement.statementId,
      });
      return {};
    }
    const { rowsLoaded, startedAt, endedAt } = result;
    const durationMs =
      startedAt && endedAt && endedAt.getTime() > startedAt.getTime()
        ? endedAt.getTime() - startedAt.getTime()
        : undefined;
    // GETDATE() stamps whole seconds (https://docs.aws.amazon.com/redshift/latest/dg/r_GETDATE.html):
    // equal whole-second stamps mean the run took under a second.
    const underOneSecond =
      startedAt !== undefined &&
      endedAt !== undefined &&
      endedAt.getTime() === startedAt.getTime() &&
      startedAt.getMilliseconds() === 0;
    if (startedAt && endedAt && durationMs === undefined && !underOneSecond) {
      // Reversed stamps, or equal ones finer than a second, come from a clock that does not move inside
      // the CALL (statement_timestamp() in every statement of a procedure).
      dependencies.logger.warn('the run reported an end no later than its start; duration left unknown', {
        pipeline: dependencies.pipelineName,
        statementId: statement.statementId,
        startedAt: startedAt.toISOString(),
        endedAt: endedAt.toISOString(),
      });
    }
    return {
      ...(rowsLoaded === undefined ? {} : { rowsLoaded }),
      ...(durationMs === undefined ? {} : { durationMs }),
      ...(underOneSecond ? { durationBelowMs: 1_000 } : {}),
      ...(statement.endedAt === undefined && endedAt !== undefined ? { endedAt } : {}),
    };
  } catch (error) {
    // Rows and duration are details of the message; a run that loaded must still be announced, so
    // the failure is logged with its cause and the message says "unknown".
    dependencies.logger.warn('could not read the run result row; announcing without rows loaded', {
      pipeline: dependencies.pipelineName,
      statementId: statement.statementId,
      error,
    });
    return {};
  }
}

async function loadErrorDetails(
  error: string | undefined,
  description: StatementDescription,
  dependencies: NotifierDependencies,
): Promise<Pick<RunReport, 'loadErrors' | 'loadErrorsNote'>> {
  const failure = findLoadFailure(error);
  if (failure === undefined || dependencies.loadErrors === false) return {};
  const table = dependencies.loadErrors?.table ?? 'sys_load_error_detail';
  const sessionId = description.raw.RedshiftPid;
  const context = {
    pipeline: dependencies.pipelineName,
    statementId: description.id,
    loadTable: failure.table,
  };
  if (sessionId === undefined || !Number.isInteger(sessionId) || sessionId <= 0) {
    dependencies.logger.warn('DescribeStatement reported no RedshiftPid; load-error rows not read', context);
    return {
      loadErrorsNote: `not read: DescribeStatement reported no process id (RedshiftPid); query ${table} for the load into ${failure.table}`,
    };
  }
  const since = description.createdAt;
  try {
    const rows = await readLoadErrors(
      dependencies.dataApi,
      { sessionId, since },
      dependencies.loadErrors ?? {},
    );
    if (rows.length === 0) {
      return {
        loadErrorsNote: `${table} has no rows for session ${sessionId} since ${since.toISOString()} (load into ${failure.table})`,
      };
    }
    return {
      loadErrors: rows,
      loadErrorsNote: `first rows of ${table} for this run (load into ${failure.table})`,
    };
  } catch (lookupError) {
    dependencies.logger.warn('could not read the load-error rows; announcing with the error text only', {
      ...context,
      sessionId,
      error: lookupError,
    });
    const reason = lookupError instanceof Error ? lookupError.message : String(lookupError);
    return {
      loadErrorsNote: `could not be read from ${table} (${reason}); query it for session_id ${sessionId} and start_time >= '${since.toISOString()}'`,
    };
  }
}
