/**
 * The deployed artifact on hostile input: the single-file Lambda bundle
 * `dist/lambda/index.mjs` must refuse a status-change event with InvalidStatusChangeEventError
 * exactly when the library's parser refuses it, and ignore events of other pipelines. Redshift
 * and SNS are closed local ports, so an accepted event of this pipeline fails on the network
 * without leaving the machine (and is never reported as malformed).
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { notifierEnvironment, type PipelineConfig, parseStatementStatusChangeEvent } from '@shiftflow/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInput } from '../../../events/test/property/mutate-json';
import statusChangeAborted from '../../src/__fixtures__/status-change-aborted.json';
import statusChangeFailed from '../../src/__fixtures__/status-change-failed.json';
import statusChangeFinished from '../../src/__fixtures__/status-change-finished.json';

const numRuns = 1000;
const config: PipelineConfig = {
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'UTC' },
  target: { type: 'serverless', workgroupName: 'etl-wg', database: 'dev' },
  eltSql: 'CALL run_elt_process();',
  setupFiles: [],
  sourceS3Uri: 's3://bucket/prefix/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/Copy',
};
const saved = { ...process.env };
let handler: (event: unknown) => Promise<{ status: string }>;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

beforeAll(async () => {
  const port = await closedPort();
  Object.assign(
    process.env,
    notifierEnvironment(config, {
      topicArn: 'arn:aws:sns:us-east-1:123456789012:shiftflow-nyc-taxi',
      ledger: { type: 'memory' },
    }),
    {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_REDSHIFT_DATA: `http://127.0.0.1:${port}`,
      AWS_ENDPOINT_URL_SNS: `http://127.0.0.1:${port}`,
      AWS_MAX_ATTEMPTS: '1',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  );
  ({ handler } = await import(path.join(import.meta.dirname, '../../dist/lambda/index.mjs')));
});

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function parsed(event: unknown): ReturnType<typeof parseStatementStatusChangeEvent> | undefined {
  try {
    return parseStatementStatusChangeEvent(event);
  } catch {
    // Only whether the library accepts the event matters: the bundle must agree.
    return undefined;
  }
}

describe('the bundled notifier handler on hostile input', () => {
  it('refuses exactly the events the parser refuses, and ignores other pipelines (1,000 cases)', async () => {
    const counts = { refused: 0, ignored: 0, failedOnNetwork: 0 };
    await fc.assert(
      fc.asyncProperty(
        eventInput([statusChangeFinished, statusChangeFailed, statusChangeAborted]),
        async (event) => {
          const outcome = await handler(event).then(
            (result) => ({ result }),
            (error: unknown) => ({ error: error as Error & { code?: string; issues?: unknown[] } }),
          );
          const accepted = parsed(event);
          if (accepted === undefined) {
            counts.refused++;
            expect('error' in outcome && outcome.error.name).toBe('InvalidStatusChangeEventError');
            if ('error' in outcome) {
              expect(outcome.error.code).toBe('INVALID_STATUS_CHANGE_EVENT');
              expect(outcome.error.issues?.length).toBeGreaterThan(0);
            }
          } else if (!accepted.detail.statementName?.startsWith('nyc-taxi/')) {
            counts.ignored++;
            expect('result' in outcome && outcome.result.status).toBe('ignored');
          } else {
            counts.failedOnNetwork++;
            expect('error' in outcome).toBe(true);
            if ('error' in outcome) {
              expect(outcome.error).toBeInstanceOf(Error);
              expect(outcome.error.name).not.toBe('InvalidStatusChangeEventError');
              expect(outcome.error.name).not.toMatch(/^(TypeError|RangeError|ReferenceError|SyntaxError)$/);
            }
          }
        },
      ),
      { numRuns },
    );
    expect(counts.refused).toBeGreaterThan(0);
    expect(counts.failedOnNetwork).toBeGreaterThan(0);
  });
});
