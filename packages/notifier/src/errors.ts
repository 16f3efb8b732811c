/**
 * Errors thrown by @shiftflow/notifier. Every error extends {@link NotifierError} and carries a
 * stable `code` plus the data a caller needs to act on it.
 */

/**
 * Stable codes of the errors `@shiftflow/notifier` throws.
 *
 * @example
 * ```ts
 * if (error instanceof NotifierError && error.code === ('LEDGER_OPERATION_FAILED' satisfies NotifierErrorCode)) retryLater();
 * ```
 */
export type NotifierErrorCode =
  | 'NOTIFIER_CONFIGURATION_INVALID'
  | 'INVALID_STATUS_CHANGE_EVENT'
  | 'INVALID_STATEMENT_ID'
  | 'LEDGER_OPERATION_FAILED'
  | 'NOTIFICATION_PUBLISH_FAILED'
  | 'RECONCILE_FAILED';

/**
 * Base class of every error the notifier throws.
 *
 * @example
 * ```ts
 * try {
 *   await notifyStatusChange(event, dependencies);
 * } catch (error) {
 *   if (error instanceof NotifierError) console.error(error.code, error.message);
 * }
 * ```
 */
export class NotifierError extends Error {
  /** Stable, machine-readable identifier of the failure. */
  readonly code: NotifierErrorCode;
  /** Whether retrying the same operation may succeed. */
  readonly isRetryable: boolean;

  constructor(code: NotifierErrorCode, message: string, options?: ErrorOptions & { isRetryable?: boolean }) {
    super(message, options);
    this.name = 'NotifierError';
    this.code = code;
    this.isRetryable = options?.isRetryable ?? false;
  }
}

/**
 * The notifier's configuration (environment variables or options) is missing or invalid.
 *
 * @example
 * ```ts
 * throw new NotifierConfigurationError('SHIFTFLOW_TOPIC_ARN', undefined, 'is required');
 * ```
 */
export class NotifierConfigurationError extends NotifierError {
  /** The setting that is wrong, e.g. an environment variable name. */
  readonly setting: string;
  /** The bad value, if there was one. */
  readonly value: unknown;

  constructor(setting: string, value: unknown, problem: string, options?: ErrorOptions) {
    super(
      'NOTIFIER_CONFIGURATION_INVALID',
      `${setting} ${value === undefined ? '(unset)' : JSON.stringify(value)} ${problem}`,
      options,
    );
    this.name = 'NotifierConfigurationError';
    this.setting = setting;
    this.value = value;
  }
}

/**
 * The event given to the notifier is not a Redshift Data API status-change event.
 *
 * @example
 * ```ts
 * throw new InvalidStatusChangeEventError(['detail.state: expected FINISHED | FAILED | ABORTED, got "RUNNING"'], event);
 * ```
 */
export class InvalidStatusChangeEventError extends NotifierError {
  /** Every failing path and value, one line each. */
  readonly issues: readonly string[];
  /** The event as received. */
  readonly event: unknown;

  constructor(issues: readonly string[], event: unknown, options?: ErrorOptions) {
    super(
      'INVALID_STATUS_CHANGE_EVENT',
      `not a Redshift Data statement status-change event: ${issues.join('; ')}`,
      options,
    );
    this.name = 'InvalidStatusChangeEventError';
    this.issues = issues;
    this.event = event;
  }
}

/**
 * A statement id is not shaped like a Data API statement id (`<uuid>` or `<uuid>:<n>`).
 *
 * @example
 * ```ts
 * throw new InvalidStatementIdError('../etc/passwd');
 * ```
 */
export class InvalidStatementIdError extends NotifierError {
  /** The rejected statement id. */
  readonly statementId: string;

  constructor(statementId: string) {
    super(
      'INVALID_STATEMENT_ID',
      `statement id ${JSON.stringify(statementId)} is not a Data API statement id (expected a lower-case UUID, optionally followed by :N)`,
    );
    this.name = 'InvalidStatementIdError';
    this.statementId = statementId;
  }
}

/**
 * A ledger operation: the announcement claim's (`claim`, `confirm`, `release`) or the started-run
 * register's (`record`, `list`, `forget`).
 *
 * @example
 * ```ts
 * const operation: LedgerOperation = 'record';
 * ```
 */
export type LedgerOperation = 'claim' | 'confirm' | 'release' | 'record' | 'list' | 'forget';

/**
 * The ledger could not record or read whether a statement was announced, or its record of started runs.
 *
 * @example
 * ```ts
 * throw new LedgerError('claim', 'd9b6c0c9-0747-4bf4-b142-e8883122f766', { cause: error, isRetryable: true });
 * ```
 */
export class LedgerError extends NotifierError {
  /** The ledger operation that failed. */
  readonly operation: LedgerOperation;
  /** The statement the operation was about (`*` for a listing). */
  readonly statementId: string;

  constructor(
    operation: LedgerOperation,
    statementId: string,
    options?: ErrorOptions & { isRetryable?: boolean; detail?: string },
  ) {
    super(
      'LEDGER_OPERATION_FAILED',
      `ledger ${operation} for statement ${statementId} failed${options?.detail ? `: ${options.detail}` : ''}`,
      options,
    );
    this.name = 'LedgerError';
    this.operation = operation;
    this.statementId = statementId;
  }
}

/**
 * SNS refused or failed to publish a notification; the ledger claim was released so a retry or
 * the reconciler announces the statement later.
 *
 * @example
 * ```ts
 * throw new NotificationPublishError('arn:aws:sns:us-east-1:123456789012:etl', 'd9b6c0c9-…', { cause: error });
 * ```
 */
export class NotificationPublishError extends NotifierError {
  /** The topic the message was meant for. */
  readonly topicArn: string;
  /** The statement the message announced. */
  readonly statementId: string;

  constructor(topicArn: string, statementId: string, options?: ErrorOptions & { isRetryable?: boolean }) {
    const causeText =
      options?.cause instanceof Error ? `: ${options.cause.name}: ${options.cause.message}` : '';
    super(
      'NOTIFICATION_PUBLISH_FAILED',
      `publishing the notification for statement ${statementId} to ${topicArn} failed${causeText}`,
      { cause: options?.cause, isRetryable: options?.isRetryable ?? true },
    );
    this.name = 'NotificationPublishError';
    this.topicArn = topicArn;
    this.statementId = statementId;
  }
}

/**
 * The reconciler could not announce some statements; the others were announced. Each failure
 * keeps its statement id and cause; the next reconciler run tries again.
 *
 * @example
 * ```ts
 * try { await reconcile(dependencies); } catch (error) {
 *   if (error instanceof ReconcileError) for (const failure of error.failures) console.error(failure.statementId);
 * }
 * ```
 */
export class ReconcileError extends NotifierError {
  /** The statements that could not be announced and why. */
  readonly failures: readonly { statementId: string; error: unknown }[];
  /** The statements that were announced in the same run. */
  readonly announced: readonly string[];

  constructor(failures: readonly { statementId: string; error: unknown }[], announced: readonly string[]) {
    super(
      'RECONCILE_FAILED',
      `reconciler could not announce ${failures.length} statement(s): ${failures
        .map(
          ({ statementId, error }) =>
            `${statementId} (${error instanceof Error ? error.message : String(error)})`,
        )
        .join('; ')}`,
      { cause: failures[0]?.error, isRetryable: true },
    );
    this.name = 'ReconcileError';
    this.failures = failures;
    this.announced = announced;
  }
}
