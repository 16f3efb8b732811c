import { LocalAppError } from '../errors';

/** Base class of every error raised by the local SNS endpoint and its subscribers; a {@link LocalAppError} with a stable `code`. */
export class SnsError extends LocalAppError {}

/**
 * An error the endpoint answers with, as SNS does: an awsQuery `<ErrorResponse>` with `code`,
 * `type` and HTTP `status`.
 *
 * @example
 * ```ts
 * throw new SnsApiError('InvalidParameter', 'Invalid parameter: Subject', 400);
 * ```
 */
export class SnsApiError extends SnsError {
  /** HTTP status of the response. */
  readonly status: number;
  /** `Sender` for client errors, `Receiver` for server errors. */
  readonly type: 'Sender' | 'Receiver';

  constructor(code: string, message: string, status: number, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'SnsApiError';
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
      'SnsDeliveryFailed',
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
    super('InvalidSubscriber', message);
    this.name = 'InvalidSubscriberError';
    this.value = value;
  }
}
