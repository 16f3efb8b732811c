import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GetStatementResultCommandOutput } from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixture, fixtureBody } from '../src/__fixtures__/fixture';
import { createRowDecoder } from '../src/create-row-decoder';
import { RedshiftDataServiceError, StatementFailedError, WaitAbortedError } from '../src/errors';
import { RedshiftData } from '../src/redshift-data';
import { sql } from '../src/sql';

// The real AWS SDK client over real HTTP against a small local endpoint that answers with the
// fixture files byte for byte: checks the SDK's deserialization (epoch-second timestamps, base64
// blobs) agrees with what the unit tests assume, and that service errors come back wrapped.

interface Reply {
  status: number;
  body: string;
  errorType?: string;
  /** Answer only after this long, like a long-poll that is still waiting. */
  delayMs?: number;
}

type Route = (operation: string, input: Record<string, unknown>) => Reply;

const requests: { operation: string; input: Record<string, unknown> }[] = [];
let route: Route;
let server: Server;
let endpoint: string;

function ok(name: string): Reply {
  return { status: 200, body: fixtureBody(name) };
}

function failure(status: number, errorType: string, message: string): Reply {
  return { status, errorType, body: JSON.stringify({ __type: errorType, message }) };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function client(maxAttempts = 1): RedshiftData {
  return new RedshiftData({
    clientConfig: {
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts,
    },
    target: { clusterIdentifier: 'redshift-cluster-1', database: 'dev', dbUser: 'etl' },
  });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    readBody(request).then(
      (text) => {
        const operation = String(request.headers['x-amz-target'] ?? '').replace('RedshiftData.', '');
        const input = JSON.parse(text || '{}') as Record<string, unknown>;
        requests.push({ operation, input });
        const reply = route(operation, input);
        const headers: Record<string, string> = {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': `request-${requests.length}`,
        };
        if (reply.errorType !== undefined) headers['x-amzn-errortype'] = reply.errorType;
        const send = () => {
          if (!response.destroyed) response.writeHead(reply.status, headers).end(reply.body);
        };
        if (reply.delayMs === undefined) send();
        else setTimeout(send, reply.delayMs).unref();
      },
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests.length = 0;
});

describe('RedshiftData over HTTP with the real SDK', () => {
  it('runs a query end to end and decodes the wire records like the unit fixtures assume', async () => {
    let describes = 0;
    route = (operation, input) => {
      if (operation === 'ExecuteStatement') return ok('execute-statement');
      if (operation === 'DescribeStatement') {
        describes++;
        return ok(describes === 1 ? 'describe-statement-started' : 'describe-statement-finished');
      }
      if (operation === 'GetStatementResult') {
        return ok(
          input.NextToken === 'page-2-token'
            ? 'get-statement-result-all-types-page-2'
            : 'get-statement-result-all-types-page-1',
        );
      }
      return failure(400, 'ValidationException', `unexpected ${operation}`);
    };
    const rows = await client().query(sql`select * from all_types where c_int4 > ${0}`, {
      initialDelayMs: 1,
      longPollSeconds: 1,
    });

    const page1 = fixture<GetStatementResultCommandOutput>('get-statement-result-all-types-page-1');
    const page2 = fixture<GetStatementResultCommandOutput>('get-statement-result-all-types-page-2');
    const decoder = createRowDecoder(page1.ColumnMetadata ?? []);
    expect(rows).toEqual([
      ...decoder.decodeRecords(page1.Records ?? []),
      ...decoder.decodeRecords(page2.Records ?? []),
    ]);
    expect(rows[0]?.c_varbyte).toEqual(new Uint8Array([0, 1, 254, 255]));
    expect(requests.map((request) => request.operation)).toEqual([
      'ExecuteStatement',
      'DescribeStatement',
      'DescribeStatement',
      'GetStatementResult',
      'GetStatementResult',
    ]);
    expect(requests[0]?.input).toMatchObject({
      Sql: 'select * from all_types where c_int4 > :p1',
      Parameters: [{ name: 'p1', value: '0' }],
      ClusterIdentifier: 'redshift-cluster-1',
      Database: 'dev',
      DbUser: 'etl',
    });
    expect(requests[1]?.input).toEqual({ Id: 'd9b6c0c9-0747-4bf4-b142-e8883122f766', WaitTimeSeconds: 1 });
  });

  it('reads epoch-second timestamps and nanosecond durations from the wire', async () => {
    route = () => ok('describe-statement-finished');
    const description = await client().describe('d9b6c0c9-0747-4bf4-b142-e8883122f766');
    expect(description.createdAt.toISOString()).toBe('2023-11-14T22:13:20.123Z');
    expect(description.durationMs).toBeCloseTo(1234.56789, 5);
    expect(description.resultRows).toBe(3);
  });

  it('throws StatementFailedError with the service text for a failed statement', async () => {
    route = () => ok('describe-statement-failed');
    await expect(
      client().wait('d9b6c0c9-0747-4bf4-b142-e8883122f766', { longPollSeconds: 0 }),
    ).rejects.toThrow(StatementFailedError);
  });

  it('wraps a service error from the wire with its code, status and request id', async () => {
    route = () => failure(400, 'ValidationException', 'Sql must not be empty');
    const error = await client()
      .execute('select 1')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedshiftDataServiceError);
    expect(error).toMatchObject({
      serviceCode: 'ValidationException',
      statusCode: 400,
      requestId: 'request-1',
      isRetryable: false,
    });
    expect(requests).toHaveLength(1);
  });

  it('leaves retries of server errors to the SDK (maxAttempts) and marks the final error retryable', async () => {
    route = () => failure(500, 'InternalServerException', 'try again');
    const error = await client(3)
      .describe('d9b6c0c9-0747-4bf4-b142-e8883122f766')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      serviceCode: 'InternalServerException',
      statusCode: 500,
      isRetryable: true,
    });
    expect(requests).toHaveLength(3);
  });

  it('falls back to polling without WaitTimeSeconds when the endpoint rejects it', async () => {
    route = (_operation, input) =>
      input.WaitTimeSeconds === undefined
        ? ok('describe-statement-finished')
        : failure(400, 'ValidationException', 'WaitTimeSeconds is not supported');
    const description = await client().wait('d9b6c0c9-0747-4bf4-b142-e8883122f766');
    expect(description.status).toBe('FINISHED');
    expect(requests.map((request) => request.input.WaitTimeSeconds)).toEqual([20, undefined]);
  });

  it('aborts a long-poll in flight when the signal aborts, and cancels the statement', async () => {
    // The signal aborts once the long-poll has reached the server (not after a fixed time, which a
    // busy machine can spend before the request is even sent); the server would answer after 60 s.
    const controller = new AbortController();
    route = (operation) => {
      if (operation === 'CancelStatement') return { status: 200, body: '{"Status":true}' };
      setImmediate(() => controller.abort());
      return { ...ok('describe-statement-started'), delayMs: 60_000 };
    };
    const started = performance.now();
    const error = await client()
      .wait('d9b6c0c9-0747-4bf4-b142-e8883122f766', { signal: controller.signal, cancelOnAbort: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitAbortedError);
    expect(error).toMatchObject({ cancelled: true });
    // An order of magnitude: it did not wait for the 60 s answer.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(requests.map((request) => request.operation)).toEqual(['DescribeStatement', 'CancelStatement']);
  });
});
