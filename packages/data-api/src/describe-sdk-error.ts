import { isRetryableAwsError } from './is-retryable-aws-error';

/** What `RedshiftDataServiceError` reports about an AWS SDK exception (or any other rejection). */
export interface SdkErrorDescription {
  serviceCode: string;
  message: string;
  isRetryable: boolean;
  statusCode: number | undefined;
  requestId: string | undefined;
}

/** Reads the exception name, message, HTTP status, request id and retryability of what an SDK call threw. */
export function describeSdkError(error: unknown): SdkErrorDescription {
  if (!(error instanceof Error)) {
    // A rejection that is not an Error (never from the SDK itself; from a custom middleware or a mock)
    // has kept `isRetryable: false` here, although `isRetryableAwsError` counts it retryable for the
    // notifier: callers of the client have always seen it as permanent.
    return {
      serviceCode: 'UnknownError',
      message: String(error),
      isRetryable: false,
      statusCode: undefined,
      requestId: undefined,
    };
  }
  const fields = error as Error & {
    code?: unknown;
    $metadata?: { httpStatusCode?: number; requestId?: string };
  };
  const serviceCode = typeof fields.code === 'string' && fields.name === 'Error' ? fields.code : fields.name;
  const statusCode = fields.$metadata?.httpStatusCode;
  return {
    serviceCode,
    message: error.message,
    isRetryable: isRetryableAwsError(error),
    statusCode,
    requestId: fields.$metadata?.requestId,
  };
}
