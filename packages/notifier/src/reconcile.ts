import { NotifierConfigurationError, ReconcileError } from './errors';
import type { NotifierDependencies } from './notifier-dependencies';
import type { ReconcileReport } from './reconcile-report';
import { reconcileStartedRun } from './reconcile-started-run';
import { isStartedRunRegister, type StartedRunRegister } from './started-run-register';

export type { ReconcileReport } from './reconcile-report';

/**
 * Options of {@link reconcile}.
 *
 * @example
 * ```ts
 * await reconcile(dependencies, { lookbackHours: 6 });
 * ```
 */
export interface ReconcileOptions {
  /** How far back to look for started runs. Defaults to 24 hours (the Data API keeps statements 24 hours). */
  lookbackHours?: number;
  /** The most runs to describe in one sweep. Defaults to 500. */
  maxStatements?: number;
}

/**
 * Goes through the runs the runner started (the ledger's started-run register, see
 * {@link StartedRunRegister}), describes each statement and announces those that ended and that
 * the ledger has not seen announced, so a lost status-change event or a failed publish still
 * reaches users. Safe to run at any time, concurrently with the event handler: the ledger decides
 * who announces.
 *
 * Why not ListStatements: it returns only the statements of the caller's IAM role (`RoleLevel`,
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListStatements.html). The runs
 * are the writer role's statements; the reconciler runs as a role of its own that may only
 * describe and read them (`redshift-data:statement-owner-iam-userid`,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftdataapi.html).
 *
 * A run is forgotten once the ledger says it was announced, and when it started before the
 * look-back window (the Data API keeps statements 24 hours, after which DescribeStatement no
 * longer knows them; a warning names it).
 *
 * @throws ReconcileError when some runs could not be described or announced (after trying all).
 * @throws NotifierConfigurationError when the ledger keeps no started runs, or on a bad option.
 * @example
 * ```ts
 * const report = await reconcile(dependencies, { lookbackHours: 6 });
 * console.log(`${report.announced.length} lost event(s) recovered`);
 * ```
 */
export async function reconcile(
  dependencies: NotifierDependencies,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const { lookbackHours, maxStatements } = resolveOptions(options);
  const { ledger, logger, pipelineName } = dependencies;
  if (!isStartedRunRegister(ledger)) {
    throw new NotifierConfigurationError(
      'ledger',
      ledger.constructor?.name,
      'keeps no started runs (recordStarted/listStarted/forgetStarted); use DynamoDbLedger, FileLedger or MemoryLedger',
    );
  }
  const now = (dependencies.now ?? (() => new Date()))();
  const cutoff = now.getTime() - lookbackHours * 3_600_000;
  const prefix = `${pipelineName}/`;
  const report: ReconcileReport = {
    examined: 0,
    announced: [],
    notifications: [],
    alreadyAnnounced: 0,
    inProgress: 0,
  };
  const failures: { statementId: string; error: unknown }[] = [];

  const runs = (await ledger.listStarted()).filter((run) => run.statementName.startsWith(prefix));
  for (const run of runs) {
    if (report.examined + report.inProgress >= maxStatements) {
      logger.warn('reconciler stopped at maxStatements; the rest waits for the next run', {
        pipeline: pipelineName,
        maxStatements,
      });
      break;
    }
    if (run.startedAt.getTime() < cutoff) {
      logger.warn('a started run is older than the look-back window; forgetting it unannounced', {
        pipeline: pipelineName,
        statementId: run.statementId,
        runId: run.statementName,
        startedAt: run.startedAt.toISOString(),
        lookbackHours,
      });
      await forget(ledger, run.statementId, failures);
      continue;
    }
    try {
      await reconcileStartedRun(run, ledger, dependencies, report);
    } catch (error) {
      // Collected, not swallowed: the other runs still get their turn, then all failures are thrown.
      failures.push({ statementId: run.statementId, error });
    }
  }

  logger.info('reconciler run finished', {
    pipeline: pipelineName,
    startedRuns: runs.length,
    examined: report.examined,
    announced: report.announced.length,
    alreadyAnnounced: report.alreadyAnnounced,
    inProgress: report.inProgress,
    failed: failures.length,
  });
  if (failures.length > 0) throw new ReconcileError(failures, report.announced);
  return report;
}

async function forget(
  ledger: StartedRunRegister,
  statementId: string,
  failures: { statementId: string; error: unknown }[],
): Promise<void> {
  try {
    await ledger.forgetStarted(statementId);
  } catch (error) {
    failures.push({ statementId, error });
  }
}

function resolveOptions(options: ReconcileOptions): Required<ReconcileOptions> {
  const lookbackHours = options.lookbackHours ?? 24;
  const maxStatements = options.maxStatements ?? 500;
  if (!(lookbackHours > 0) || !Number.isFinite(lookbackHours)) {
    throw new NotifierConfigurationError(
      'lookbackHours',
      lookbackHours,
      'must be a positive number of hours',
    );
  }
  if (!Number.isInteger(maxStatements) || maxStatements <= 0) {
    throw new NotifierConfigurationError('maxStatements', maxStatements, 'must be a positive whole number');
  }
  return { lookbackHours, maxStatements };
}
