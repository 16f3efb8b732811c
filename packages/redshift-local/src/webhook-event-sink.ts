/**
 * Status-change events POSTed to a URL, as an EventBridge API destination would: the event as the
 * JSON body, one request per event, in the order they were sent. A delivery that fails (network
 * error or a status other than 2xx) is tried again after 0.2 s, 1 s and 5 s, then reported through
 * `onFailure` and dropped; later events still go out, after it.
 */
import type { StatementStatusChangeEnvelope } from './status-change-event';

/** Delivers the events; `idle()` resolves once every event sent so far was delivered or given up. */
export interface WebhookEventSink {
  (event: StatementStatusChangeEnvelope): void;
  idle(): Promise<void>;
}

/** Options of {@link webhookEventSink}. */
export interface WebhookEventSinkOptions {
  /** Called when an event could not be delivered after every retry. Defaults to a line on stderr. */
  onFailure?: (event: StatementStatusChangeEnvelope, reason: string) => void;
  /** Delays before the retries, in milliseconds. Defaults to `[200, 1000, 5000]`. */
  retryDelaysMs?: readonly number[] | undefined;
}

async function post(url: string, event: StatementStatusChangeEnvelope): Promise<string | undefined> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    await response.arrayBuffer();
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * A listener for `onStatusChange` that POSTs each event to `url`.
 *
 * @example
 * const sink = webhookEventSink('http://127.0.0.1:8080/events');
 * redshift.onStatusChange(sink);
 */
export function webhookEventSink(url: string, options: WebhookEventSinkOptions = {}): WebhookEventSink {
  const delays = options.retryDelaysMs ?? [200, 1000, 5000];
  const onFailure =
    options.onFailure ??
    ((event, reason) =>
      console.error(
        `redshift-local: status-change event of ${event.detail.statementId} not delivered to ${url}: ${reason}`,
      ));
  let queue: Promise<void> = Promise.resolve();
  const deliver = async (event: StatementStatusChangeEnvelope): Promise<void> => {
    let reason = await post(url, event);
    for (const delay of delays) {
      if (reason === undefined) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      reason = await post(url, event);
    }
    if (reason !== undefined) onFailure(event, reason);
  };
  const sink = (event: StatementStatusChangeEnvelope): void => {
    queue = queue.then(() => deliver(event));
  };
  return Object.assign(sink, { idle: () => queue });
}
