import { LocalAppError, type LocalErrorCode } from '../errors';

/** Stable codes of the local SNS endpoint's and subscribers' errors (a part of {@link LocalErrorCode}). */
export type SnsErrorCode = Extract<
  LocalErrorCode,
  'SNS_API_ERROR' | 'SNS_DELIVERY_FAILED' | 'INVALID_SUBSCRIBER' | 'WEBHOOK_REJECTED'
>;

/**
 * Base class of every error raised by the local SNS endpoint and its subscribers; a {@link LocalAppError} with a stable `code`.
 *
 * @example
 * ```ts
 * startLocalSns({ subscribers, onDeliveryFailure: (error) => {
 *   if (error.cause instanceof SnsError) console.error(error.cause.code); // 'WEBHOOK_REJECTED'
 * } });
 * ```
 */
export class SnsError extends LocalAppError {
  /** Stable, machine-readable error code. */
  declare readonly code: SnsErrorCode;

  constructor(code: SnsErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * An error the endpoint answers with, as SNS does: an awsQuery `<ErrorResponse>` with
 * `<Code>` {@link SnsApiError.awsErrorCode}, `<Type>` {@link SnsApiError.type} and HTTP `status`.
 * Its own `code` is `SNS_API_ERROR`; the SNS error code on the wire is `awsErrorCode`.
 *
 * @example
 * ```ts
 * throw new SnsApiError('InvalidParameter', 'Invalid parameter: Subject', 400);
 * ```
 */
export class SnsApiError extends SnsError {
  /**
   * The SNS error code as it goes on the wire (`<Code>` of the `<ErrorResponse>`), e.g.
   * `InvalidParameter` or `NotFound`; the SDK turns it into `InvalidParameterException`, ….
   */
  readonly awsErrorCode: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** `Sender` for client errors, `Receiver` for server errors. */
  readonly type: 'Sender' | 'Receiver';

  constructor(awsErrorCode: string, message: string, status: number, options?: ErrorOptions) {
    super('SNS_API_ERROR', message, options);
    this.name = 'SnsApiError';
    this.awsErrorCode = awsErrorCode;
    this.status = status;
    this.type = status >= 500 ? 'Receiver' : 'Sender';
  }
}

/**
 * A subscriber failed to take a message after every retry; the message went to the dead-letter
 * folder (when configured) and to `onDeliveryFailure`.
 *
 * @example
 * ```ts
 * startLocalSns({ subscribers, onDeliveryFailure: (error) => console.error(error.subscriber, error.deadLetterFile) });
 * ```
 */
export class SnsDeliveryError extends SnsError {
  /** Name of the subscriber that failed. */
  readonly subscriber: string;
  /** The SNS message id. */
  readonly messageId: string;
  /** How many times delivery was tried. */
  readonly attempts: number;
  /** Where the message was written, when a dead-letter folder is configured. */
  readonly deadLetterFile: string | undefined;

  constructor(
    subscriber: string,
    messageId: string,
    attempts: number,
    deadLetterFile: string | undefined,
    cause: unknown,
  ) {
    super(
      'SNS_DELIVERY_FAILED',
      `subscriber "${subscriber}" failed message ${messageId} after ${attempts} attempts${deadLetterFile ? ` (saved to ${deadLetterFile})` : ''}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'SnsDeliveryError';
    this.subscriber = subscriber;
    this.messageId = messageId;
    this.attempts = attempts;
    this.deadLetterFile = deadLetterFile;
  }
}

/**
 * A subscriber option that cannot work, such as a webhook URL that is not http(s).
 *
 * @example
 * ```ts
 * webhookSubscriber('ftp://example.com'); // throws InvalidSubscriberError
 * ```
 */
export class InvalidSubscriberError extends SnsError {
  /** The bad value. */
  readonly value: unknown;

  constructor(message: string, value: unknown) {
    super('INVALID_SUBSCRIBER', message);
    this.name = 'InvalidSubscriberError';
    this.value = value;
  }
}
