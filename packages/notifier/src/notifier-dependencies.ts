import type { SNSClient } from '@aws-sdk/client-sns';
import type { RedshiftData } from '@shiftflow/data-api';
import type { PipelineTarget } from '@shiftflow/events';
import type { Ledger } from './ledger';
import type { LoadErrorOptions } from './load-error-options';

/**
 * The structured logger the notifier writes to; Powertools' `Logger` fits. A structural type, so
 * the package's public types need neither Powertools' nor the `aws-lambda` type packages.
 *
 * @example
 * ```ts
 * const logger: NotifierLogger = new Logger({ serviceName: 'shiftflow-notifier' });
 * ```
 */
export interface NotifierLogger {
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
  appendKeys(attributes: Record<string, unknown>): void;
}

/**
 * The part of `RedshiftData` the notifier and the reconciler use. (`listStatements` is no longer
 * used: the reconciler finds runs in the ledger; it stays in the type so existing callers compile.)
 */
export type NotifierDataApi = Pick<RedshiftData, 'describe' | 'listStatements' | 'query' | 'collect'>;

/**
 * Everything the notifier's logic needs, passed in so tests inject clients, ledger and clock.
 *
 * @example
 * ```ts
 * const dependencies: NotifierDependencies = {
 *   pipelineName: 'nyc-taxi', region: 'us-east-1', topicArn, target: config.target,
 *   dataApi: new RedshiftData({ target }), sns: new SNSClient({}), ledger: new FileLedger({ directory }),
 *   logger: new Logger({ serviceName: 'shiftflow-notifier' }),
 * };
 * ```
 */
export interface NotifierDependencies {
  /** Only statements named `<pipelineName>/…` are announced. */
  pipelineName: string;
  /** The region of the Redshift target, for console links. */
  region: string;
  target: PipelineTarget;
  topicArn: string;
  dataApi: NotifierDataApi;
  sns: SNSClient;
  /** Announcements; the reconciler also needs its started-run register (the three ledgers of this package have one). */
  ledger: Ledger;
  logger: NotifierLogger;
  /**
   * How a failed load's error rows are read (`sys_load_error_detail`, first 5 rows, 30 s); `false`
   * leaves them out of the message. Defaults to `{}`.
   */
  loadErrors?: LoadErrorOptions | false;
  /** The clock. Defaults to `() => new Date()`. */
  now?: () => Date;
}
