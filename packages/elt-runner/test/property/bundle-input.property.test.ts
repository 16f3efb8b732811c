/**
 * The deployed artifact on hostile input: the single-file Lambda bundle
 * `dist/lambda/index.mjs` (minified, its own copy of zod, the schemas and the AWS SDK) must
 * refuse bad input with an EventParseError exactly when the library's parser does, and throw
 * nothing but typed errors. The Data API endpoint is a closed local port, so every accepted
 * input ends in RunStartError (ListStatements failed) without leaving the machine.
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { type PipelineConfig, parseRunnerInput, runnerEnvironment } from '@shiftflow/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventInput } from '../../../events/test/property/mutate-json';
import scheduledRuleEvent from '../../src/__fixtures__/scheduled-rule-event.json';
import schedulerDefaultEvent from '../../src/__fixtures__/scheduler-default-event.json';
import schedulerInputEvent from '../../src/__fixtures__/scheduler-input-event.json';

const numRuns = 1000;
const config: PipelineConfig = {
  name: 'nyc-taxi',
  schedule: { expression: 'cron(0 11 ? * MON-FRI *)', timeZone: 'UTC' },
  target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
  eltSql: 'CALL run_elt_process();',
  setupFiles: [],
  sourceS3Uri: 's3://bucket/prefix/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/Copy',
};
const saved = { ...process.env };
let handler: (event: unknown) => Promise<{ status: string }>;

/** A local port that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

beforeAll(async () => {
  Object.assign(process.env, runnerEnvironment(config), {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_REDSHIFT_DATA: `http://127.0.0.1:${await closedPort()}`,
    AWS_MAX_ATTEMPTS: '1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  ({ handler } = await import(path.join(import.meta.dirname, '../../dist/lambda/index.mjs')));
});

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function parses(input: unknown): boolean {
  try {
    parseRunnerInput(input);
    return true;
  } catch {
    // Only whether the library accepts the input matters: the bundle must agree.
    return false;
  }
}

describe('the bundled runner handler on hostile input', () => {
  it('throws EventParseError exactly when the parser refuses, else RunStartError (1,000 cases)', async () => {
    const counts = { refused: 0, accepted: 0 };
    await fc.assert(
      fc.asyncProperty(
        eventInput([scheduledRuleEvent, schedulerDefaultEvent, schedulerInputEvent]),
        async (input) => {
          const error = await handler(input).then(
            (result) => new Error(`unexpected result ${JSON.stringify(result)}`),
            (thrown: unknown) => thrown,
          );
          expect(error).toBeInstanceOf(Error);
          const { name, code, message } = error as Error & { code?: string };
          if (parses(input)) {
            counts.accepted++;
            expect(name, message).toBe('RunStartError');
            expect(code).toBe('RUN_START_FAILED');
          } else {
            counts.refused++;
            expect(name, message).toBe('EventParseError');
            expect(code).toBe('EVENT_PARSE_FAILED');
            expect(message).toMatch(/^invalid runner input: /);
          }
        },
      ),
      { numRuns },
    );
    expect(counts.accepted).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  });
});
