/**
 * A counting HTTP proxy in front of the local Data API endpoint: forwards every request unchanged and
 * counts requests per operation (the X-Amz-Target header), so a test or benchmark can prove how many
 * Data API calls a piece of code makes (the notifier's call budget, bench/data-api-calls.bench.ts).
 */
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A proxy in front of the Data API endpoint that counts requests per operation (X-Amz-Target). */
export interface CountingProxy {
  url: string;
  /** Requests per operation since the last reset. */
  counts(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts a counting HTTP proxy on 127.0.0.1:0 in front of `target`. Headers pass unchanged, so the
 * SigV4 signature (made for the proxy's host) still verifies at the endpoint.
 *
 * @example
 * const proxy = await startCountingProxy(redshift.endpoint);
 * const client = new RedshiftDataClient({ endpoint: proxy.url, region: 'us-east-1', credentials });
 * // … code under test …
 * proxy.counts(); // { ExecuteStatement: 1, GetStatementResult: 1 }
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  let counts = new Map<string, number>();
  const agent = new Agent({ keepAlive: true });
  const upstream = new URL(target);
  const server = createServer((request, response) => {
    const operation = String(request.headers['x-amz-target'] ?? 'unknown').replace(/^RedshiftData\./, '');
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: request.url,
        method: request.method,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', (error) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`counting proxy: ${error.message}`);
    });
    request.pipe(forward);
  });
  const url = await listen(server);
  return {
    url,
    counts: () => Object.fromEntries(counts),
    reset: () => {
      counts = new Map();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
