import type { TerminalStatementState } from '@shiftflow/events';
import { announceStatement } from './announce-statement';
import type { NotifierDependencies } from './notifier-dependencies';
import type { ReconcileReport } from './reconcile-report';
import type { StartedRunRecord, StartedRunRegister } from './started-run-register';

function isTerminal(status: string | undefined): status is TerminalStatementState {
  return status === 'FINISHED' || status === 'FAILED' || status === 'ABORTED';
}

/**
 * One started run of a reconciler sweep: describes its statement and, once it ended, announces
 * it unless the ledger saw it announced (see `announceStatement`), then forgets it; the run is
 * tallied in `report`. A run still going, or whose announcement another invocation holds, stays
 * for the next sweep. Throws what failed (describe, announce or forget), after tallying the run as
 * examined once its statement had ended.
 *
 * @example
 * ```ts
 * await reconcileStartedRun(run, ledger, dependencies, report);
 * ```
 */
export async function reconcileStartedRun(
  run: StartedRunRecord,
  ledger: StartedRunRegister,
  dependencies: NotifierDependencies,
  report: ReconcileReport,
): Promise<void> {
  const { logger, pipelineName } = dependencies;
  const description = await dependencies.dataApi.describe(run.statementId);
  if (!isTerminal(description.status)) {
    report.inProgress += 1;
    return;
  }
  report.examined += 1;
  const outcome = await announceStatement(
    {
      statementId: run.statementId,
      statementName: run.statementName,
      state: description.status,
      endedAt: description.updatedAt,
    },
    dependencies,
  );
  if (outcome.status === 'announced') {
    report.announced.push(run.statementId);
    report.notifications.push(outcome.notification);
    logger.warn('reconciler announced a statement whose announcement was missing', {
      pipeline: pipelineName,
      statementId: run.statementId,
    });
  } else if (outcome.status === 'already-announced') {
    report.alreadyAnnounced += 1;
  } else {
    report.inProgress += 1;
    return; // another invocation holds the claim; look again next sweep
  }
  await ledger.forgetStarted(run.statementId);
}
