import path from 'node:path';
import { type LocalRedshift, ndjsonEventSink, webhookEventSink } from '@shiftflow/redshift-local';

/** Where `serve` sends the status-change events. */
export interface StatusChangeDestinations {
  /** Server-sent events: `GET <endpoint>/events`. */
  stream: string;
  /** The NDJSON file in the state folder, one event per line. */
  file: string;
  /** The `--events-to` URL, when given. */
  webhook?: string;
}

/**
 * `serve`'s status-change events — the same events the local app's event bus gets — to the
 * `events.ndjson` file of the state folder and, with `--events-to`, POSTed to a URL. The endpoint
 * streams them on `GET /events` by itself. `stop()` unsubscribes and waits for pending webhook posts.
 *
 * @example
 * const events = deliverStatusChangeEvents(pipeline.redshift, state.root, 'http://127.0.0.1:9000/hook');
 * // … later
 * await events.stop();
 */
export function deliverStatusChangeEvents(
  redshift: LocalRedshift,
  stateRoot: string,
  webhookUrl: string | undefined,
): { where: StatusChangeDestinations; stop(): Promise<void> } {
  const file = path.join(stateRoot, 'events.ndjson');
  const unsubscribeFile = redshift.onStatusChange(ndjsonEventSink(file));
  const webhook = webhookUrl === undefined ? undefined : webhookEventSink(webhookUrl);
  const unsubscribeWebhook = webhook === undefined ? undefined : redshift.onStatusChange(webhook);
  return {
    where: {
      stream: `${redshift.endpoint}/events`,
      file,
      ...(webhookUrl !== undefined ? { webhook: webhookUrl } : {}),
    },
    async stop() {
      unsubscribeFile();
      unsubscribeWebhook?.();
      await webhook?.idle();
    },
  };
}
