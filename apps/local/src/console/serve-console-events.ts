import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleEvent } from './console-api';
import type { ConsoleEvents } from './console-events';

/** A comment line this often keeps proxies and the browser from closing an idle stream. */
const keepAliveMs = 15_000;

function frame(event: ConsoleEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * Answers `GET /api/events` with a server-sent-events stream: `ready` first, then every console
 * event as it happens, until the page goes away (or `streams` are ended when the server stops).
 *
 * @example
 * serveConsoleEvents(request, response, events, openStreams);
 */
export function serveConsoleEvents(
  request: IncomingMessage,
  response: ServerResponse,
  events: ConsoleEvents,
  streams: Set<ServerResponse>,
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  response.write(frame({ event: 'ready', data: { at: new Date().toISOString() } }));
  const stop = events.subscribe((event) => response.write(frame(event)));
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs);
  streams.add(response);
  const end = () => {
    clearInterval(keepAlive);
    stop();
    streams.delete(response);
  };
  request.on('close', end);
  response.on('close', end);
}
