import { type AsyncInvocationOutcome, LambdaHost, type LambdaHostOptions } from '../lambda/lambda-host';

/** Which function's successful asynchronous invocations are sent to which, as a Lambda on-success destination. */
export interface OnSuccessDestination {
  /** The function whose results are sent (the runner). */
  readonly from: string;
  /** The function that receives the invocation record (the reconciler). */
  readonly to: string;
}

/**
 * A {@link LambdaHost} with the one on-success destination the deployed pipeline configures: after
 * each successful asynchronous invocation of `destination.from` (the runner), the invocation record
 * (`requestContext.condition` `Success`, the event as `requestPayload`, the result as
 * `responsePayload`; https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)
 * is sent asynchronously to `destination.to` (the reconciler, which records the started run). The
 * runner's outcome settles once that delivery has settled, so a caller that waits for the run also
 * waits for its record. A failed delivery is retried and dead-lettered as any asynchronous invocation.
 *
 * @example
 * const host = new RunnerDestinationHost({ deadLetterDirectory }, { from: 'nyc-taxi-runner', to: 'nyc-taxi-reconciler' });
 */
export class RunnerDestinationHost extends LambdaHost {
  readonly #destination: OnSuccessDestination;
  readonly #region: string;
  readonly #account: string;

  constructor(options: LambdaHostOptions, destination: OnSuccessDestination) {
    super(options);
    this.#destination = destination;
    this.#region = options.region ?? 'us-east-1';
    this.#account = options.account ?? '123456789012';
  }

  override invokeAsync(
    functionName: string,
    event: unknown,
  ): { requestId: string; outcome: Promise<AsyncInvocationOutcome> } {
    const invocation = super.invokeAsync(functionName, event);
    if (functionName !== this.#destination.from) return invocation;
    const outcome = invocation.outcome.then(async (result) => {
      if (result.status === 'succeeded') {
        await super.invokeAsync(this.#destination.to, this.#record(functionName, event, result)).outcome;
      }
      return result;
    });
    return { requestId: invocation.requestId, outcome };
  }

  #record(
    functionName: string,
    event: unknown,
    result: Extract<AsyncInvocationOutcome, { status: 'succeeded' }>,
  ) {
    return {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: {
        requestId: result.requestId,
        functionArn: `arn:aws:lambda:${this.#region}:${this.#account}:function:${functionName}:$LATEST`,
        condition: 'Success',
        approximateInvokeCount: result.attempts,
      },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: result.value,
    };
  }
}
