/**
 * Status-change events as a server-sent-events stream (`GET /events` on the endpoint), so a test
 * or a script can watch the events of statements run WithEvent as they happen, with curl or an
 * EventSource. Each event is one SSE message: `event: status-change`, `id:` the event id, `data:`
 * the EventBridge event as JSON. A comment line (`: subscribed`) goes out first, once the
 * subscription is in place, and another every 15 s so idle proxies keep the stream open.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StatementStatusChangeEnvelope } from './status-change-event';

/** Subscribes a listener to the status-change events; returns the unsubscribe function. */
export type SubscribeToEvents = (listener: (event: StatementStatusChangeEnvelope) => void) => () => void;

/** Whether a request asks for the event stream: `GET …/events` (any path prefix). */
export function isEventStreamRequest(request: IncomingMessage): boolean {
  if (request.method !== 'GET') return false;
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  return pathname === '/events' || pathname.endsWith('/events');
}

/**
 * Streams the events to `response` until the client goes away or the server closes.
 *
 * @example
 * if (isEventStreamRequest(request)) return serveEventStream(response, subscribe);
 */
export function serveEventStream(response: ServerResponse, subscribe: SubscribeToEvents): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const unsubscribe = subscribe((event) => {
    response.write(`event: status-change\nid: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  response.write(': subscribed\n\n');
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
  keepAlive.unref();
  response.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}
