import { RunHistory } from '../history/run-history';
import type { SampleData } from '../seed/write-sample-data';
import { assembleLocalPipeline } from './assemble-local-pipeline';
import { CloseStack } from './close-stack';
import { ensureSampleData } from './ensure-sample-data';
import { localEnvironment } from './local-environment';
import type { LocalPipeline, LocalPipelineOptions } from './local-pipeline';
import { type OpeningEngine, openEngine } from './open-engine';
import { registerLambdas } from './register-lambdas';
import { createRunSignals } from './run-signals';
import { startStatusChangeLane } from './status-change-lane';

export type {
  LocalPipeline,
  LocalPipelineOptions,
  PipelineProgress,
  RunRequest,
  RunResult,
} from './local-pipeline';

/**
 * The steps that load the SDK clients and the mail libraries, loaded while the engine opens in its
 * worker: they take a noticeable part of a warm run's start.
 */
function loadHeavySteps() {
  return Promise.all([
    import('./open-notification-topic'),
    import('./create-local-data-api'),
    import('./describe-run-state'),
    import('./run-once'),
  ]);
}

/**
 * Starts the pipeline on this machine: the local Redshift, the local SNS endpoint, the Lambda
 * host with the runner and notifier bundles, and the event bus wiring the status-change events
 * to the notifier with the same pattern as AWS.
 *
 * @example
 * const pipeline = await startLocalPipeline({ repositoryRoot, config, state: stateLayout('.shiftflow') });
 * await pipeline.applySetup();
 * await pipeline.ensureSampleData();
 * const result = await pipeline.run({ trigger: 'manual', reason: 'try it' });
 * await pipeline.close();
 */
export async function startLocalPipeline(
  options: LocalPipelineOptions & {
    /**
     * Sample rows to write (when the source prefix is empty) while the engine opens, under its lock;
     * `ensureSampleData` with the same count then returns that write's result.
     */
    sampleRows?: number | undefined;
    /**
     * The engine, already opening (see `startEngineEarly`) with what it started; the pipeline closes
     * it with itself, also when it fails to start. Opened here when omitted.
     */
    engine?: { engine: Promise<OpeningEngine>; closers: CloseStack } | undefined;
  },
): Promise<LocalPipeline> {
  const { config, state, repositoryRoot } = options;
  const onProgress = options.onProgress ?? (() => undefined);
  const lambdas = options.lambdas !== false;
  const closers = options.engine?.closers ?? new CloseStack();
  const close = () => closers.close();
  let earlySample: Promise<SampleData | undefined> | undefined;
  try {
    const engine = await (options.engine?.engine ?? openEngine(state, { ...options, lambdas }, closers));
    // The engine's lock is held (no other process writes the sample) and it opens in its worker:
    // the sample is written meanwhile, on the other core, instead of after it.
    if (options.sampleRows !== undefined) {
      earlySample = ensureSampleData({ repositoryRoot, config, state }, options.sampleRows);
      // Its failure is reported where ensureSampleData is awaited.
      earlySample.catch(() => undefined);
    }
    const [{ openNotificationTopic }, { createLocalDataApi }, { describeRunState }, { runOnce }] =
      await loadHeavySteps();
    const topic = await openNotificationTopic(config, state, options, closers);
    const redshiftEndpoint = await engine.endpoint();
    const environment = localEnvironment(topic.sns, redshiftEndpoint);
    const dataApi = createLocalDataApi(redshiftEndpoint, config.target);
    const history = new RunHistory(state.history);
    const signals = createRunSignals();
    const host = lambdas
      ? await registerLambdas({ config, state, environment, topicArn: topic.topicArn, onProgress }, closers)
      : undefined;
    const redshift = await engine.redshift;
    await engine.lock.setEndpoint(redshift.endpoint);
    if (host) startStatusChangeLane(redshift, { config, host, history, signals, onProgress }, closers);
    const runContext = { config, host, dataApi, history, signals, onProgress };
    return assembleLocalPipeline({
      repositoryRoot,
      state,
      redshift,
      topic,
      environment,
      runContext,
      earlySample: { rows: options.sampleRows, written: earlySample },
      steps: { runOnce, describeRunState },
      close,
    });
  } catch (error) {
    // A sample still being written finishes before the state folder is let go.
    await earlySample?.catch(() => undefined);
    await close();
    throw error;
  }
}
