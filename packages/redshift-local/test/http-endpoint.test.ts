/**
 * The wire level: SigV4 checks, error envelopes, malformed input, unknown fields, the
 * active-statement limit, and the AWS CLI against the endpoint.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  ListDatabasesCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRedshift } from '../src/index';
import { type Fixture, sdkClient, startFixture } from './support/local-redshift-fixture';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture({
    maxActiveStatements: 2,
    accessKeys: { test: 'test', other: 'other-secret' },
  });
});

afterAll(async () => fixture?.dispose(), 30_000);

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number; requestId?: string } };
  }
  throw new Error('expected the call to fail');
}

/** A client whose JSON body is replaced before signing, so the signature stays valid. */
function clientWithBody(body: (original: string) => string): RedshiftDataClient {
  const client = sdkClient(fixture.redshift.endpoint);
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body?: unknown; headers: Record<string, string> };
      request.body = body(String(request.body ?? ''));
      request.headers['content-length'] = String(Buffer.byteLength(String(request.body)));
      return next(args);
    },
    { step: 'build', name: 'replaceBody' },
  );
  return client;
}

describe('the HTTP endpoint', () => {
  it('accepts any known access key and refuses an unknown one with UnrecognizedClientException (400)', async () => {
    const other = sdkClient(fixture.redshift.endpoint, {
      accessKeyId: 'other',
      secretAccessKey: 'other-secret',
    });
    expect((await other.send(new ListDatabasesCommand({ ...fixture.target }))).Databases).toEqual(['dev']);
    const stranger = sdkClient(fixture.redshift.endpoint, {
      accessKeyId: 'AKIASTRANGER',
      secretAccessKey: 'x',
    });
    const error = await failure(stranger.send(new ListDatabasesCommand({ ...fixture.target })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['UnrecognizedClientException', 400]);
  });

  it('accepts requests signed with temporary credentials (x-amz-security-token), as a Lambda role sends them', async () => {
    const withToken = new RedshiftDataClient({
      endpoint: fixture.redshift.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test', sessionToken: 'local-session-token' },
      maxAttempts: 1,
    });
    expect((await withToken.send(new ListDatabasesCommand({ ...fixture.target }))).Databases).toEqual([
      'dev',
    ]);
    withToken.destroy();
  });

  it('refuses a wrong secret with InvalidSignatureException (403)', async () => {
    const wrong = sdkClient(fixture.redshift.endpoint, { accessKeyId: 'test', secretAccessKey: 'wrong' });
    const error = await failure(wrong.send(new ListDatabasesCommand({ ...fixture.target })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidSignatureException', 403]);
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException and both error name fields', async () => {
    const response = await fetch(fixture.redshift.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RedshiftData.ListDatabases' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await response.json()) as { __type: string }).__type).toBe(
      'MissingAuthenticationTokenException',
    );
  });

  it('answers malformed JSON with SerializationException and a wrong type with SerializationException', async () => {
    const broken = clientWithBody(() => '{"Sql": ');
    const error = await failure(
      broken.send(new ExecuteStatementCommand({ ...fixture.target, Sql: 'select 1' })),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['SerializationException', 400]);
    const wrongType = clientWithBody((body) => body.replace('"Sql":"select 1"', '"Sql":5'));
    const typed = await failure(
      wrongType.send(new ExecuteStatementCommand({ ...fixture.target, Sql: 'select 1' })),
    );
    expect(typed.name).toBe('SerializationException');
    expect(typed.message).toContain('Sql');
  });

  it('accepts unknown fields in the request', async () => {
    const extra = clientWithBody((body) => body.replace('{', '{"SomeFutureField":{"a":1},'));
    const { Id } = await extra.send(new ExecuteStatementCommand({ ...fixture.target, Sql: 'select 1' }));
    const described = await fixture.client.send(new DescribeStatementCommand({ Id, WaitTimeSeconds: 10 }));
    expect(described.Status).toBe('FINISHED');
  });

  it('refuses a statement beyond the active-statement limit with ActiveStatementsExceededException', async () => {
    const sleeping = { ...fixture.target, Sql: 'select pg_sleep(1)' };
    const first = await fixture.client.send(new ExecuteStatementCommand(sleeping));
    await fixture.client.send(new ExecuteStatementCommand(sleeping));
    const error = await failure(fixture.client.send(new ExecuteStatementCommand(sleeping)));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['ActiveStatementsExceededException', 400]);
    await fixture.client.send(new DescribeStatementCommand({ Id: first.Id, WaitTimeSeconds: 10 }));
  });

  it('serves the AWS CLI with the exported environment', async () => {
    const run = promisify(execFile);
    const environment = {
      ...process.env,
      ...fixture.redshift.environment,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    let output: string;
    try {
      ({ stdout: output } = await run(
        'aws',
        [
          'redshift-data',
          'list-databases',
          '--workgroup-name',
          'local',
          '--database',
          'dev',
          '--output',
          'json',
        ],
        {
          env: environment,
        },
      ));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT') {
        console.warn('AWS CLI test not run: the aws command is not installed');
        return;
      }
      throw error;
    }
    expect(JSON.parse(output)).toEqual({ Databases: ['dev'] });
  });

  it('refuses a second local Redshift on the same PGlite data dir while the first is open', async () => {
    await expect(startLocalRedshift({ s3Root: fixture.s3Root, dataDir: fixture.dataDir })).rejects.toThrow(
      /already open/,
    );
  });
});
