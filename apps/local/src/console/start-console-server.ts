import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalAppError, UsageError } from '../errors';
import type { ConsoleErrorBody } from './console-api';
import { assertConsoleAssets, defaultConsoleAssetsFolder, readConsoleAsset } from './console-assets';
import { checkConsoleRequest, createConsoleToken } from './console-auth';
import {
  type ConsoleSources,
  dataRoute,
  inboxRoute,
  readJsonBody,
  runDetailRoute,
  runNowRoute,
  runsRoute,
  sqlHistoryRoute,
  sqlResultsRoute,
  sqlRoute,
} from './console-routes';
import { ConsoleRequestError } from './errors';
import { serveConsoleEvents } from './serve-console-events';

/** Options of {@link startConsoleServer}. */
export interface ConsoleServerOptions {
  sources: ConsoleSources;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Folder of the built page. Defaults to `console/` beside the built module (dist/console/). */
  assetsFolder?: string;
  /** The token; defaults to a fresh random one. Tests pass their own. */
  token?: string;
  /** Receives errors of requests the server answered with 500; defaults to standard error. */
  onError?: (error: unknown) => void;
}

/** A running console. */
export interface ConsoleServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** The URL to open: `http://127.0.0.1:<port>/?token=<token>`. */
  readonly url: string;
  /** Ends the event streams and stops the server. */
  close(): Promise<void>;
}

/** Sent with every answer: no inline script, no framing, no sniffing, no referrer with the token. */
export const consoleSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

const pagePattern = /^\/(?:runs(?:\/[^/]+)?|inbox|data|sql)?\/?$/;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** A path segment's text; a malformed escape (`%E0%A4%A`) is a bad request, not a server error. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch (error) {
    throw new ConsoleRequestError(
      400,
      'BAD_REQUEST',
      `the path part ${JSON.stringify(part)} is not valid URL encoding`,
      {
        cause: error,
      },
    );
  }
}

function errorBody(error: ConsoleRequestError): ConsoleErrorBody {
  return {
    code: error.apiCode,
    message: error.message,
    ...(error.statementId === undefined ? {} : { statementId: error.statementId }),
  };
}

/** Routes one request that passed the checks. */
async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: { sources: ConsoleSources; assetsFolder: string; streams: Set<ServerResponse> },
): Promise<void> {
  const { sources } = options;
  const url = new URL(request.url ?? '/', 'http://console.invalid');
  const method = request.method ?? 'GET';
  const path = url.pathname;
  const only = (allowed: string) => {
    if (method !== allowed) {
      throw new ConsoleRequestError(
        405,
        'METHOD_NOT_ALLOWED',
        `${method} ${path} is not allowed; use ${allowed}`,
      );
    }
  };
  if (path === '/api/runs') {
    if (method === 'POST') return sendJson(response, 202, await runNowRoute(sources));
    only('GET');
    return sendJson(response, 200, await runsRoute(sources));
  }
  const runMatch = /^\/api\/runs\/([^/]+)$/.exec(path);
  if (runMatch) {
    only('GET');
    return sendJson(response, 200, await runDetailRoute(sources, decodePathPart(runMatch[1]!)));
  }
  if (path === '/api/inbox') {
    only('GET');
    return sendJson(response, 200, await inboxRoute(sources));
  }
  if (path === '/api/data') {
    only('GET');
    return sendJson(response, 200, await dataRoute(sources));
  }
  if (path === '/api/sql') {
    only('POST');
    const body = await readJsonBody(request);
    // The browser stopped waiting (page closed, request aborted): the statement is cancelled.
    const closed = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) closed.abort(new Error('the console request was closed'));
    });
    return sendJson(response, 200, await sqlRoute(sources, body, closed.signal));
  }
  if (path === '/api/sql/results') {
    only('GET');
    return sendJson(response, 200, await sqlResultsRoute(sources, url.searchParams));
  }
  if (path === '/api/sql/history') {
    only('GET');
    return sendJson(response, 200, await sqlHistoryRoute(sources));
  }
  if (path === '/api/events') {
    only('GET');
    return serveConsoleEvents(request, response, sources.events, options.streams);
  }
  if (path.startsWith('/api/'))
    throw new ConsoleRequestError(404, 'NOT_FOUND', `no API route ${method} ${path}`);
  only('GET');
  const asset = pagePattern.test(path)
    ? await readConsoleAsset(options.assetsFolder, '/index.html')
    : await readConsoleAsset(options.assetsFolder, path);
  if (asset === undefined) throw new ConsoleRequestError(404, 'NOT_FOUND', `no page or file ${path}`);
  response.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.body.length });
  response.end(asset.body);
}

/**
 * Starts the local console on 127.0.0.1: the page (built into the app, nothing from the network)
 * and its JSON API over the state folder and the app's local Data API. Every request must pass
 * {@link checkConsoleRequest} (Host, Origin, token). A bad request gets a JSON error; nothing a
 * request does stops the server or the app.
 *
 * @throws ConsoleAssetsMissingError when the page was not built.
 * @example
 * const console = await startConsoleServer({ sources, port: 0 });
 * process.stderr.write(`console: ${console.url}\n`);
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const assetsFolder = options.assetsFolder ?? defaultConsoleAssetsFolder();
  assertConsoleAssets(assetsFolder);
  const token = options.token ?? createConsoleToken();
  const onError =
    options.onError ?? ((error: unknown) => process.stderr.write(`console: ${String(error)}\n`));
  const streams = new Set<ServerResponse>();
  let port = 0;
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(consoleSecurityHeaders)) response.setHeader(name, value);
    const decision = checkConsoleRequest(
      { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers },
      { token, port },
    );
    if (decision.kind === 'refuse') {
      request.resume();
      sendJson(response, decision.status, { code: decision.code, message: decision.message });
      return;
    }
    if (decision.kind === 'redirect') {
      request.resume();
      response.writeHead(303, { location: decision.location, 'set-cookie': decision.setCookie });
      response.end();
      return;
    }
    route(request, response, { sources: options.sources, assetsFolder, streams }).catch((error: unknown) => {
      const refused =
        error instanceof ConsoleRequestError
          ? error
          : new ConsoleRequestError(
              500,
              'INTERNAL',
              error instanceof LocalAppError || error instanceof Error ? error.message : String(error),
              { cause: error },
            );
      if (refused.status >= 500) onError(error);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      // A body cut short (413) leaves unread bytes on the connection: close it, or the client's next
      // request on it would read them as an answer (ECONNRESET).
      if (refused.status === 413) response.setHeader('connection', 'close');
      sendJson(response, refused.status, errorBody(refused));
    });
  });
  const requestedPort = options.port ?? 0;
  server.listen(requestedPort, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
    throw new UsageError(
      `the console cannot listen on 127.0.0.1:${requestedPort} (${code}); pick another port, or 0 for any free one`,
      { cause: error },
    );
  }
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    token,
    url: `${origin}/?token=${token}`,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
