import type { LocalRedshift } from '@shiftflow/redshift-local';
import type { SampleData } from '../seed/write-sample-data';
import type { StateLayout } from '../state/state-layout';
import { applySetupOnce } from './apply-setup-once';
import type { describeRunState } from './describe-run-state';
import { ensureSampleData } from './ensure-sample-data';
import type { LocalPipeline } from './local-pipeline';
import type { NotificationTopic } from './open-notification-topic';
import { reconcileRuns } from './reconcile-runs';
import type { RunContext, runOnce } from './run-once';

/** What {@link assembleLocalPipeline} puts together: the parts `startLocalPipeline` started. */
export interface LocalPipelineParts {
  repositoryRoot: string;
  state: StateLayout;
  redshift: LocalRedshift;
  topic: NotificationTopic;
  /** Environment variables pointing AWS clients at the local endpoints. */
  environment: Record<string, string>;
  /** What a run works with; its config, host, Data API and history are the pipeline's. */
  runContext: RunContext;
  /**
   * The sample being written while the engine opened (none when no rows were asked for), and the
   * row count it was asked for: the first `ensureSampleData` with that count returns it.
   */
  earlySample: { rows: number | undefined; written: Promise<SampleData | undefined> | undefined };
  /** The steps loaded while the engine opened (they load the SDK clients). */
  steps: { runOnce: typeof runOnce; describeRunState: typeof describeRunState };
  /** Stops everything that was started, the last started first. */
  close: () => Promise<void>;
}

/**
 * Puts the started parts of the local pipeline together into the {@link LocalPipeline} the
 * commands use; starts nothing itself.
 *
 * @example
 * return assembleLocalPipeline({ repositoryRoot, state, redshift, topic, environment, runContext, earlySample, steps, close });
 */
export function assembleLocalPipeline(parts: LocalPipelineParts): LocalPipeline {
  const { repositoryRoot, state, topic, runContext, steps } = parts;
  const { config, host, dataApi, history } = runContext;
  let earlySample = parts.earlySample.written;
  return {
    config,
    redshift: parts.redshift,
    snsEndpoint: topic.sns.endpoint,
    topicArn: topic.topicArn,
    environment: parts.environment,
    dataApi,
    history,
    applySetup: (setupOptions) => applySetupOnce({ repositoryRoot, config, state, dataApi }, setupOptions),
    ensureSampleData(rows) {
      const early = earlySample;
      earlySample = undefined;
      return early !== undefined && rows === parts.earlySample.rows
        ? early
        : ensureSampleData({ repositoryRoot, config, state }, rows);
    },
    async run(request, runOptions = {}) {
      // The notification prints after the run's result line, as the user reads them in order.
      topic.output?.hold();
      try {
        return await steps.runOnce(runContext, request, runOptions);
      } finally {
        topic.output?.release();
      }
    },
    reconcile: () => reconcileRuns({ config, host, history }),
    async resolveUnfinishedRuns() {
      const changed = await history.resolve((statementId) => steps.describeRunState(dataApi, statementId));
      return changed.length;
    },
    close: parts.close,
  };
}
