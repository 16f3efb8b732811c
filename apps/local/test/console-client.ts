/** Talking to a started console from tests: its URL from the CLI's output, raw requests, its event stream. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ConsoleEvent, consoleEventSchema } from '../src/console/console-api';

/** Waits until `output()` contains a console URL and returns its origin and token. */
export async function waitForConsoleUrl(
  output: () => string,
  timeoutMs: number,
): Promise<{ url: string; origin: string; token: string; port: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /console: (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]+)/.exec(output());
    if (match)
      return {
        url: match[0].slice('console: '.length),
        origin: match[1]!,
        port: Number(match[2]),
        token: match[3]!,
      };
    if (Date.now() > deadline) throw new Error(`no console URL within ${timeoutMs} ms; output:\n${output()}`);
    await sleep(50);
  }
}

/** A request with exactly these headers (fetch would not let a test set Host), answered in full. */
export function rawRequest(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers, setHost: !('host' in headers) },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The console's event stream, read as it arrives; `next` waits for the first event a predicate takes. */
export class EventStreamReader {
  readonly events: ConsoleEvent[] = [];
  readonly #controller = new AbortController();
  #done: Promise<void> | undefined;

  async open(origin: string, token: string): Promise<void> {
    const response = await fetch(`${origin}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: this.#controller.signal,
    });
    if (response.status !== 200 || response.body === null) {
      throw new Error(`GET /api/events answered ${response.status}: ${await response.text()}`);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.#done = (async () => {
      let buffer = '';
      for (;;) {
        // close() aborts the fetch: the read then rejects, which ends the stream like its end.
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (name && data)
            this.events.push(consoleEventSchema.parse({ event: name, data: JSON.parse(data) }));
        }
      }
    })();
    await this.next((event) => event.event === 'ready', 60_000);
  }

  async next(predicate: (event: ConsoleEvent) => boolean, timeoutMs: number): Promise<ConsoleEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no such event within ${timeoutMs} ms; got ${this.events.map((event) => event.event).join(', ')}`,
        );
      }
      await sleep(50);
    }
  }

  async close(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }
}
