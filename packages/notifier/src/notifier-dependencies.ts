import type { SNSClient } from '@aws-sdk/client-sns';
import type { RedshiftData, StatementDescription } from '@shiftflow/data-api';
import type { PipelineTarget } from '@shiftflow/events';
import type { Ledger } from './ledger';

/**
 * Looks up how many rows a finished run loaded; undefined when it cannot tell. Injected so the
 * pipeline decides how its SQL records loaded rows.
 *
 * @example
 * ```ts
 * const fromResultRows: RowsLoadedLookup = async ({ description }) => description.resultRows;
 * ```
 */
export type RowsLoadedLookup = (context: {
  statementId: string;
  statementName?: string;
  description: StatementDescription;
  dataApi: NotifierDataApi;
}) => Promise<number | undefined>;

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

/** The part of `RedshiftData` the notifier uses. */
export type NotifierDataApi = Pick<RedshiftData, 'describe' | 'listStatements' | 'query'>;

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
  ledger: Ledger;
  logger: NotifierLogger;
  /** Defaults to {@link rowsLoadedFromRunLog}'s lookup when omitted by the handler; none in the pure logic. */
  rowsLoaded?: RowsLoadedLookup;
  /** The clock. Defaults to `() => new Date()`. */
  now?: () => Date;
}
