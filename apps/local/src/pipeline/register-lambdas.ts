import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { notifierEnvironment, type PipelineConfig, runnerEnvironment } from '@shiftflow/events';
import type { LambdaHost } from '../lambda/lambda-host';
import type { StateLayout } from '../state/state-layout';
import type { CloseStack } from './close-stack';
import { lambdaBundlePath } from './lambda-bundle-path';
import { localAccount, localRegion } from './local-aws';
import type { ProgressListener } from './local-pipeline';
import { RunnerDestinationHost } from './runner-destination-host';

/** What {@link registerLambdas} wires the functions to. */
export interface LambdaWiring {
  config: PipelineConfig;
  state: StateLayout;
  /** The local endpoints' variables, added to every function's environment. */
  environment: Record<string, string>;
  topicArn: string;
  onProgress: ProgressListener;
}

/** A function's log lines go to `<logs>/<function>.log` (appended) and to the progress listener. */
function logWriter(state: StateLayout, onProgress: ProgressListener, closers: CloseStack) {
  const logFiles = new Map<string, WriteStream>();
  closers.push(async () => {
    await Promise.all(
      [...logFiles.values()].map((stream) => new Promise<void>((resolve) => stream.end(resolve))),
    );
  });
  return (functionName: string, line: string) => {
    let stream = logFiles.get(functionName);
    if (!stream) {
      stream = createWriteStream(path.join(state.logs, `${functionName}.log`), { flags: 'a' });
      logFiles.set(functionName, stream);
    }
    stream.write(`${line}\n`);
    onProgress({ type: 'log', functionName, line });
  };
}

/**
 * Starts the Lambda host with the pipeline's three functions, as deploy creates them on AWS:
 * `<pipeline>-runner` (elt-runner), `<pipeline>-notifier` and `<pipeline>-reconciler` (notifier,
 * its `reconcile` export), then warms their workers so the bundles load while the engine opens.
 * As on AWS, each run the runner starts is handed to the reconciler (the runner's on-success
 * destination), which records it in the ledger: the reconciler finds runs there, not by listing
 * statements, so it needs no rights on the runner's statements beyond describing them.
 *
 * @example
 * const host = await registerLambdas({ config, state, environment, topicArn, onProgress }, closers);
 * await host.invoke(`${config.name}-reconciler`, {});
 */
export async function registerLambdas(wiring: LambdaWiring, closers: CloseStack): Promise<LambdaHost> {
  const { config, state, environment, topicArn } = wiring;
  await mkdir(state.logs, { recursive: true });
  const onLog = logWriter(state, wiring.onProgress, closers);
  const host = new RunnerDestinationHost(
    { deadLetterDirectory: state.deadLetter, region: localRegion, account: localAccount, onLog },
    { from: `${config.name}-runner`, to: `${config.name}-reconciler` },
  );
  closers.push(() => host.close());
  const runnerBundle = lambdaBundlePath('@shiftflow/elt-runner');
  const notifierBundle = lambdaBundlePath('@shiftflow/notifier');
  const notifierVariables = {
    ...notifierEnvironment(config, { topicArn, ledger: { type: 'file', path: state.notifierLedger } }),
    ...environment,
  };
  host.register({
    name: `${config.name}-runner`,
    bundle: runnerBundle,
    environment: { ...runnerEnvironment(config), ...environment },
    timeoutMs: 60_000,
  });
  host.register({
    name: `${config.name}-notifier`,
    bundle: notifierBundle,
    environment: notifierVariables,
    timeoutMs: 60_000,
  });
  host.register({
    name: `${config.name}-reconciler`,
    bundle: notifierBundle,
    handler: 'reconcile',
    environment: notifierVariables,
    timeoutMs: 120_000,
  });
  host.prewarm();
  return host;
}
