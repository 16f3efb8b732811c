/**
 * The HTTP endpoint: Redshift Data API over awsJson1_1 on 127.0.0.1 (node:http). Requests need a
 * valid SigV4 signature by a known access key; responses carry `x-amzn-RequestId`; errors carry
 * the exception name in both `x-amzn-ErrorType` and `__type`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataApiException, SignatureVerificationError } from './errors';
import type { FaultInjector } from './fault-injector';
import type { CallerContext, LocalDataApi } from './local-data-api';
import { isEventStreamRequest, type SubscribeToEvents, serveEventStream } from './serve-event-stream';
import { verifySignature } from './verify-signature';
import { toWireJson } from './wire-json';

const operations = [
  'ExecuteStatement',
  'BatchExecuteStatement',
  'DescribeStatement',
  'GetStatementResult',
  'GetStatementResultV2',
  'CancelStatement',
  'ListStatements',
  'ListSessions',
  'ListDatabases',
  'ListSchemas',
  'ListTables',
  'DescribeTable',
] as const;
type Operation = (typeof operations)[number];
const operationNames = new Set<string>(operations);
const maxBodyBytes = 2 * 1024 * 1024;

/** Settings of the HTTP endpoint. */
export interface DataApiEndpointOptions {
  api: LocalDataApi;
  accessKeys: Readonly<Record<string, string>>;
  host: string;
  port: number;
  /** Injected throttling and 5xx answers (tests of clients' retries). */
  faults?: FaultInjector | undefined;
  /** The status-change events, served as a server-sent-events stream on `GET /events`. */
  events?: SubscribeToEvents | undefined;
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  errorType?: string,
): void {
  const text = toWireJson(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...(errorType !== undefined ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(text);
}

function sendError(response: ServerResponse, error: unknown, requestId: string): void {
  if (error instanceof DataApiException) {
    send(
      response,
      error.httpStatus,
      { __type: error.exceptionName, message: error.message, ...error.fields },
      requestId,
      error.exceptionName,
    );
    return;
  }
  console.error(`redshift-local: internal error on request ${requestId}:`, error);
  const message = error instanceof Error ? error.message : String(error);
  send(response, 500, { __type: 'InternalServerException', message }, requestId, 'InternalServerException');
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) {
      throw new DataApiException('ValidationException', `Request body exceeds ${maxBodyBytes} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A refused signature as the exception the Data API answers with (awsJson1_1 names, AWS wording). */
function dataApiExceptionOf(error: SignatureVerificationError): DataApiException {
  const options = { cause: error };
  switch (error.reason) {
    case 'missing':
      return new DataApiException(
        'MissingAuthenticationTokenException',
        'Missing Authentication Token',
        {},
        options,
      );
    case 'malformed':
      return new DataApiException(
        'IncompleteSignatureException',
        error.header === 'x-amz-date'
          ? `X-Amz-Date ${JSON.stringify(error.amzDate)} is missing or does not match the credential scope date ${error.scopeDate}.`
          : `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of AWS4-HMAC-SHA256; got ${JSON.stringify(error.authorization?.slice(0, 80))}.`,
        {},
        options,
      );
    case 'unknown-key':
      return new DataApiException(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        {},
        options,
      );
    case 'expired':
    case 'not-yet-valid':
      return new DataApiException(
        'InvalidSignatureException',
        `Signature expired: ${error.amzDate} is more than 15 minutes from the server time.`,
        {},
        options,
      );
    case 'body-hash-mismatch':
      return new DataApiException(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided: the body does not match x-amz-content-sha256.',
        {},
        options,
      );
    case 'mismatch':
      return new DataApiException(
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
        {},
        options,
      );
  }
}

async function handle(request: IncomingMessage, options: DataApiEndpointOptions): Promise<unknown> {
  const body = await readBody(request);
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith('RedshiftData.')) {
    throw new DataApiException(
      'UnknownOperationException',
      `Expected POST with X-Amz-Target RedshiftData.<Operation>; got ${request.method} with ${JSON.stringify(target)}.`,
    );
  }
  const operation = target.slice('RedshiftData.'.length);
  const { accessKeyId } = await verifySignature(
    { method: request.method, path: request.url ?? '/', headers: request.headers, body },
    options.accessKeys,
  ).catch((error: unknown) => {
    throw error instanceof SignatureVerificationError ? dataApiExceptionOf(error) : error;
  });
  if (!operationNames.has(operation)) {
    throw new DataApiException(
      'UnknownOperationException',
      `Operation ${JSON.stringify(operation)} is not emulated locally.`,
    );
  }
  let input: unknown;
  try {
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    throw new DataApiException(
      'SerializationException',
      `Request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DataApiException(
      'SerializationException',
      `Request body must be a JSON object; got ${body.slice(0, 80)}.`,
    );
  }
  options.faults?.beforeOperation(operation);
  const output = await dispatch(
    operation as Operation,
    input as Record<string, unknown>,
    { accessKeyId },
    options,
  );
  options.faults?.afterOperation(operation);
  return output;
}

async function dispatch(
  operation: Operation,
  wire: Record<string, unknown>,
  caller: CallerContext,
  options: DataApiEndpointOptions,
): Promise<unknown> {
  const api = options.api;
  switch (operation) {
    case 'ExecuteStatement':
      return api.ExecuteStatement(wire, caller);
    case 'BatchExecuteStatement':
      return api.BatchExecuteStatement(wire, caller);
    case 'DescribeStatement':
      return api.DescribeStatement(wire);
    case 'GetStatementResult':
      return api.GetStatementResult(wire);
    case 'GetStatementResultV2':
      return api.GetStatementResultV2(wire);
    case 'CancelStatement':
      return api.CancelStatement(wire);
    case 'ListStatements':
      return api.ListStatements(wire);
    case 'ListSessions':
      return api.ListSessions(wire);
    case 'ListDatabases':
      return api.ListDatabases(wire);
    case 'ListSchemas':
      return api.ListSchemas(wire);
    case 'ListTables':
      return api.ListTables(wire);
    case 'DescribeTable':
      return api.DescribeTable(wire);
  }
}

/**
 * Starts the endpoint; resolves with its URL and a `close()`.
 *
 * @example
 * const endpoint = await startDataApiEndpoint({ api, accessKeys: { test: 'test' }, host: '127.0.0.1', port: 0 });
 * console.log(endpoint.url); // http://127.0.0.1:54321
 */
export async function startDataApiEndpoint(
  options: DataApiEndpointOptions,
): Promise<{ url: string; port: number; server: Server; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (options.events !== undefined && isEventStreamRequest(request)) {
      serveEventStream(response, options.events);
      return;
    }
    const requestId = randomUUID();
    handle(request, options).then(
      (output) => send(response, 200, output ?? {}, requestId),
      (error: unknown) => sendError(response, error, requestId),
    );
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
