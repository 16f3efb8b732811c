import type { Notification, TerminalStatementState } from '@shiftflow/events';
import { announceStatement } from './announce-statement';
import { NotifierConfigurationError, ReconcileError } from './errors';
import type { NotifierDependencies } from './notifier-dependencies';

/**
 * Options of {@link reconcile}.
 *
 * @example
 * ```ts
 * await reconcile(dependencies, { lookbackHours: 6 });
 * ```
 */
export interface ReconcileOptions {
  /** How far back to look for ended statements. Defaults to 24 hours (the Data API keeps statements 24 hours). */
  lookbackHours?: number;
  /** The most statements to examine in one run. Defaults to 500. */
  maxStatements?: number;
}

/**
 * What one reconciler run found and did.
 *
 * @example
 * ```ts
 * const { announced } = await reconcile(dependencies);
 * ```
 */
export interface ReconcileReport {
  /** Ended statements of the pipeline inside the look-back window. */
  examined: number;
  /** Statements announced by this run: their event was lost or their earlier announcement failed. */
  announced: string[];
  /** The notifications this run published, in the order of `announced` (rows loaded included). */
  notifications: Notification[];
  alreadyAnnounced: number;
  inProgress: number;
}

function isTerminal(status: string | undefined): status is TerminalStatementState {
  return status === 'FINISHED' || status === 'FAILED' || status === 'ABORTED';
}

/**
 * Lists this pipeline's statements (name prefix `<pipelineName>/`) that ended in the look-back
 * window and announces any the ledger has not seen, so a lost status-change event or a failed
 * publish still reaches users. Safe to run at any time, concurrently with the event handler: the
 * ledger decides who announces.
 *
 * @throws ReconcileError when some statements could not be announced (after trying all of them).
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
  const now = (dependencies.now ?? (() => new Date()))();
  const cutoff = now.getTime() - lookbackHours * 3_600_000;
  const prefix = `${dependencies.pipelineName}/`;
  const report: ReconcileReport = {
    examined: 0,
    announced: [],
    notifications: [],
    alreadyAnnounced: 0,
    inProgress: 0,
  };
  const failures: { statementId: string; error: unknown }[] = [];

  for await (const statement of dependencies.dataApi.listStatements({
    statementNamePrefix: prefix,
    status: 'ALL',
  })) {
    if (report.examined >= maxStatements) {
      dependencies.logger.warn('reconciler stopped at maxStatements; the rest waits for the next run', {
        pipeline: dependencies.pipelineName,
        maxStatements,
      });
      break;
    }
    // ListStatements matches the prefix case-sensitively on the service; check again so a
    // lenient endpoint cannot make us announce another pipeline's statement.
    if (!statement.statementName?.startsWith(prefix) || !isTerminal(statement.status)) continue;
    const endedAt = statement.updatedAt ?? statement.createdAt;
    if (endedAt === undefined || endedAt.getTime() < cutoff) continue;
    report.examined += 1;
    try {
      const outcome = await announceStatement(
        {
          statementId: statement.id,
          statementName: statement.statementName,
          state: statement.status,
          endedAt,
        },
        dependencies,
      );
      if (outcome.status === 'announced') {
        report.announced.push(statement.id);
        report.notifications.push(outcome.notification);
        dependencies.logger.warn('reconciler announced a statement whose announcement was missing', {
          pipeline: dependencies.pipelineName,
          statementId: statement.id,
        });
      } else if (outcome.status === 'already-announced') {
        report.alreadyAnnounced += 1;
      } else {
        report.inProgress += 1;
      }
    } catch (error) {
      // Collected, not swallowed: the other statements still get their turn, then all failures are thrown.
      failures.push({ statementId: statement.id, error });
    }
  }

  dependencies.logger.info('reconciler run finished', {
    pipeline: dependencies.pipelineName,
    examined: report.examined,
    announced: report.announced.length,
    alreadyAnnounced: report.alreadyAnnounced,
    inProgress: report.inProgress,
    failed: failures.length,
  });
  if (failures.length > 0) throw new ReconcileError(failures, report.announced);
  return report;
}
