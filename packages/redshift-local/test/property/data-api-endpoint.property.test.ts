/**
 * Property-based bad input and security checks of the local Data API endpoint. One local Redshift (PGlite) serves the whole file. Random JSON, wrong types, missing
 * fields, unknown ids, unknown operations and non-JSON text are sent as SigV4-signed requests
 * (the AWS SDK signs them; see raw-signed-client.ts); every answer must be a well-formed
 * awsJson1_1 success or client error (status < 500) that the SDK itself can read, and the
 * endpoint must still run a good statement afterwards. Unsigned, unknown-key, wrongly signed,
 * stale and tampered requests are refused; the endpoint listens on loopback only.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListDatabasesCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRedshift, startLocalRedshift } from '../../src/index';
import { type RawResponse, rawSignedChannel } from './raw-signed-client';

const numRuns = 1000;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
let root: string;
let redshift: LocalRedshift;
let client: RedshiftDataClient;
const channel = rawSignedChannel();
let rawClient: RedshiftDataClient;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-property-'));
  redshift = await startLocalRedshift({ s3Root: root, maxActiveStatements: 20 });
  client = new RedshiftDataClient({
    endpoint: redshift.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
  rawClient = new RedshiftDataClient({
    endpoint: redshift.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: channel.requestHandler,
  });
  rawClient.middlewareStack.add(channel.middleware, { step: 'build', name: 'rawBody' });
});

afterAll(async () => {
  client?.destroy();
  rawClient?.destroy();
  await redshift?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const operations = [
  'ExecuteStatement',
  'BatchExecuteStatement',
  'DescribeStatement',
  'GetStatementResult',
  'GetStatementResultV2',
  'CancelStatement',
  'ListStatements',
  'ListDatabases',
  'ListSchemas',
  'ListTables',
  'DescribeTable',
];
const fieldNames = [
  'Sql',
  'Sqls',
  'Id',
  'Database',
  'WorkgroupName',
  'ClusterIdentifier',
  'DbUser',
  'SecretArn',
  'Parameters',
  'StatementName',
  'ClientToken',
  'WithEvent',
  'SessionId',
  'SessionKeepAliveSeconds',
  'ResultFormat',
  'NextToken',
  'MaxResults',
  'Status',
  'RoleLevel',
  'ConnectedDatabase',
  'SchemaPattern',
  'TablePattern',
  'Schema',
  'Table',
  'Unknown',
];
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    'dev',
    'local',
    'select 1',
    "select ''; drop table x; --",
    'select pg_sleep(0)',
    randomUUID(),
    `${randomUUID()}:1`,
    'ALL',
    'FINISHED',
    -1,
    0,
    2 ** 53,
    1e308,
    [{ name: 'p1', value: 1 }],
    [{ name: '', value: '' }],
    [{ name: 'p1' }],
    'x'.repeat(100_001),
    'eyJub3QiOiJhIHRva2VuIn0=',
  ),
);
const jsonBody = fc
  .dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 8 })), hostileValue, {
    maxKeys: 6,
  })
  .map((body) => JSON.stringify(body));
const body = fc.oneof(
  { arbitrary: jsonBody, weight: 6 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)), weight: 2 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  { arbitrary: fc.constantFrom('', '{', '{"Id":', '[]', 'null', '{"Id":"\\ud800"}', '\u0000'), weight: 1 },
);
const target = fc.oneof(
  { arbitrary: fc.constantFrom(...operations).map((operation) => `RedshiftData.${operation}`), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      'RedshiftData.Nope',
      'RedshiftData.',
      'Other.ExecuteStatement',
      'RedshiftData.__proto__',
    ),
    weight: 1,
  },
);

async function sendRaw(
  rewrite: Parameters<typeof channel.next>[0],
): Promise<{ raw: RawResponse; sdkError: unknown }> {
  channel.next(rewrite);
  let sdkError: unknown;
  try {
    await rawClient.send(new ListDatabasesCommand({ Database: 'dev', WorkgroupName: 'local' }));
  } catch (error) {
    sdkError = error;
  }
  return { raw: channel.last(), sdkError };
}

/** A well-formed awsJson1_1 answer: JSON object; errors carry __type, message and x-amzn-ErrorType. */
function expectWellFormed(raw: RawResponse, sdkError: unknown): Record<string, unknown> {
  expect(raw.headers['content-type']).toBe('application/x-amz-json-1.1');
  expect(raw.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  const parsed = JSON.parse(raw.body) as unknown;
  expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
  const object = parsed as Record<string, unknown>;
  if (raw.status !== 200) {
    expect(typeof object.__type).toBe('string');
    expect(typeof object.message).toBe('string');
    expect(raw.headers['x-amzn-errortype']).toBe(object.__type);
    // The SDK's own deserializer reads it as the named service exception.
    expect((sdkError as Error).name).toBe(object.__type);
    expect((sdkError as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(raw.status);
  }
  return object;
}

/** Sends ListDatabases signed with `signer`, changed by `rewrite`, and returns the raw answer. */
async function sendWith(
  signer: { accessKeyId: string; secretAccessKey: string },
  rewrite: Parameters<typeof channel.next>[0],
): Promise<{ raw: RawResponse }> {
  const other = rawSignedChannel();
  const sender = new RedshiftDataClient({
    endpoint: redshift.endpoint,
    region: 'us-east-1',
    credentials: signer,
    maxAttempts: 1,
    requestHandler: other.requestHandler,
  });
  other.next(rewrite);
  await expect(
    sender.send(new ListDatabasesCommand({ Database: 'dev', WorkgroupName: 'local' })),
  ).rejects.toThrow();
  sender.destroy();
  return { raw: other.last() };
}

async function expectGoodStatementRuns(): Promise<void> {
  const { Id } = await client.send(
    new ExecuteStatementCommand({ Sql: 'select 41 + 1 as answer', Database: 'dev', WorkgroupName: 'local' }),
  );
  // Waits for the end, however busy the machine (the test's timeout bounds it): a fixed number of
  // short polls (5 s in all) failed on a loaded machine.
  for (;;) {
    const { Status, Error: failure } = await client.send(
      new DescribeStatementCommand({ Id, WaitTimeSeconds: 20 }),
    );
    if (Status === 'FINISHED') break;
    expect(Status, failure).not.toMatch(/FAILED|ABORTED/);
  }
  const result = await client.send(new GetStatementResultCommand({ Id }));
  expect(result.Records?.[0]?.[0]).toEqual({ longValue: 42 });
}

describe('the local Data API endpoint on hostile request bodies', () => {
  it('answers every signed request with a well-formed success or client error (1,000 cases)', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(target, body, async (operation, text) => {
        const { raw, sdkError } = await sendRaw({ body: text, headers: { 'x-amz-target': operation } });
        statuses.set(raw.status, (statuses.get(raw.status) ?? 0) + 1);
        expect(raw.status, `${operation} ${text.slice(0, 200)} -> ${raw.body.slice(0, 300)}`).toBeLessThan(
          500,
        );
        expectWellFormed(raw, sdkError);
      }),
      { numRuns },
    );
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    await expectGoodStatementRuns();
  });

  it('refuses an oversized body with a ValidationException and keeps serving', async () => {
    const { raw, sdkError } = await sendRaw({
      body: JSON.stringify({
        Sql: `select '${'x'.repeat(2 * 1024 * 1024)}'`,
        Database: 'dev',
        WorkgroupName: 'local',
      }),
      headers: { 'x-amz-target': 'RedshiftData.ExecuteStatement' },
    });
    expect(raw.status).toBe(400);
    expect(expectWellFormed(raw, sdkError).__type).toBe('ValidationException');
    await expectGoodStatementRuns();
  });
});

describe('security of the local Data API endpoint', () => {
  it('listens on 127.0.0.1 only', async () => {
    const url = new URL(redshift.endpoint);
    expect(url.hostname).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
      .map((address) => address?.address ?? '');
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: Number(url.port) });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, `port ${url.port} on ${address}`).toBe('ECONNREFUSED');
    }
  });

  it('refuses unsigned requests, unknown access keys and wrong secrets (1,000 cases)', async () => {
    const refusal = fc.oneof(
      fc.record({ kind: fc.constant('unsigned' as const) }),
      fc.record({
        kind: fc.constant('unknown key' as const),
        accessKeyId: fc.oneof(
          fc.string({ minLength: 1, maxLength: 20 }).filter((key) => key !== 'test' && !/[\s/,=]/.test(key)),
          fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'TEST', 'test '),
        ),
      }),
      fc.record({
        kind: fc.constant('wrong secret' as const),
        secret: fc.string({ minLength: 1 }).filter((secret) => secret !== 'test'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(refusal, async (attempt) => {
        const signer =
          attempt.kind === 'unknown key'
            ? { accessKeyId: attempt.accessKeyId, secretAccessKey: 'test' }
            : attempt.kind === 'wrong secret'
              ? { accessKeyId: 'test', secretAccessKey: attempt.secret }
              : credentials;
        const { raw } = await sendWith(
          signer,
          attempt.kind === 'unsigned' ? { stripHeaders: ['authorization'] } : {},
        );
        const expected = {
          unsigned: ['MissingAuthenticationTokenException', 403],
          'unknown key': ['UnrecognizedClientException', 400],
          'wrong secret': ['InvalidSignatureException', 403],
        }[attempt.kind];
        expect(raw.status, raw.body).toBe(expected[1]);
        expect((JSON.parse(raw.body) as { __type: string }).__type).toBe(expected[0]);
      }),
      { numRuns },
    );
  });

  it('refuses a signed request whose body was changed to one of another length', async () => {
    const { raw } = await sendWith(credentials, { tamperedBody: '{"Database":"dev"}' });
    expect(raw.status).toBe(403);
    expect((JSON.parse(raw.body) as { __type: string }).__type).toBe('InvalidSignatureException');
  });

  // Found by the refusal property when it also tampered with bodies (bug list in RELIABILITY.md): the SDK signs an x-amz-content-sha256 header, and verifySignature re-signs with that
  // header's value instead of hashing the body it received, so the signature covers only the
  // body's length (content-length). A body changed in flight to another of the same length is
  // accepted and executed. Expected: InvalidSignatureException (403). (Fixed in the working tree of
  // src/verify-signature.ts while this test was written; it keeps the fix in place.)
  it('refuses a signed request whose body was changed to one of the same length', async () => {
    const original = JSON.stringify({ Database: 'dev', WorkgroupName: 'local' });
    const tampered = JSON.stringify({ Database: 'xyz', WorkgroupName: 'other' });
    expect(tampered.length).toBe(original.length);
    const { raw } = await sendWith(credentials, { tamperedBody: tampered });
    expect(raw.status, raw.body).toBe(403);
    expect((JSON.parse(raw.body) as { __type: string }).__type).toBe('InvalidSignatureException');
  });

  it('refuses a request signed 20 minutes ago', async () => {
    const stale = new RedshiftDataClient({
      endpoint: redshift.endpoint,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      systemClockOffset: -20 * 60 * 1000,
    });
    await expect(
      stale.send(new ListDatabasesCommand({ Database: 'dev', WorkgroupName: 'local' })),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    stale.destroy();
  });
});
