import { Logger } from '@aws-lambda-powertools/logger';
import { RedshiftData } from '@shiftflow/data-api';
import { dataApiTargetOf, parseRunnerEnvironment, type RunnerSettings } from '@shiftflow/events';
import { type EltRunResult, startEltRun } from './start-elt-run';

interface Runtime {
  settings: RunnerSettings;
  dataApi: RedshiftData;
  logger: Logger;
}

let runtime: Runtime | undefined;

/** Reads the environment and builds the clients once per Lambda instance, on first use. */
function runtimeOf(): Runtime {
  if (runtime === undefined) {
    const settings = parseRunnerEnvironment(process.env);
    const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'shiftflow-elt-runner' });
    logger.appendPersistentKeys({ pipeline: settings.pipelineName });
    runtime = { settings, logger, dataApi: new RedshiftData({ target: dataApiTargetOf(settings.target) }) };
  }
  return runtime;
}

/**
 * Lambda handler of the ELT runner: reads its settings from `SHIFTFLOW_*` environment variables and
 * starts one run per scheduled event or manual request (see `startEltRun`).
 *
 * @example
 * ```ts
 * // Scheduler target input: {"source":"shiftflow.scheduler","scheduledTime":"<aws.scheduler.scheduled-time>"}
 * await handler({ source: 'shiftflow.manual', reason: 'reload after fixing the source files' });
 * ```
 */
export async function handler(event: unknown): Promise<EltRunResult> {
  const { settings, dataApi, logger } = runtimeOf();
  try {
    const result = await startEltRun(event, { settings, dataApi, logger });
    logger.info('run result', { ...result });
    return result;
  } catch (error) {
    logger.error('run failed to start', error instanceof Error ? error : String(error));
    throw error;
  }
}
