/**
 * Property-based bad input and SQL-injection checks of the ELT runner:
 * any input either starts/skips a run or raises EventParseError; event data never reaches the
 * SQL text (the runner always sends the configured ELT SQL, and the statement name is built from
 * the validated pipeline name and a normalised ISO time). The Data API is the real
 * `@shiftflow/data-api` client over a RedshiftDataClient mocked with aws-sdk-client-mock, which
 * captures every command.
 */
import {
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  ListStatementsCommand,
  type ListStatementsCommandInput,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData } from '@shiftflow/data-api';
import { EventParseError, type RunnerSettings } from '@shiftflow/events';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventInput } from '../../../events/test/property/mutate-json';
import scheduledRuleEvent from '../../src/__fixtures__/scheduled-rule-event.json';
import schedulerDefaultEvent from '../../src/__fixtures__/scheduler-default-event.json';
import schedulerInputEvent from '../../src/__fixtures__/scheduler-input-event.json';
import { SetupValueError } from '../../src/errors';
import { quoteSqlLiteral } from '../../src/render-setup-sql';
import { type RunLogger, startEltRun } from '../../src/start-elt-run';

const numRuns = 1000;
const settings: RunnerSettings = {
  pipelineName: 'nyc-taxi',
  target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
  eltSql: 'CALL run_elt_process();',
};
const statementId = 'd9b6c0c9-0747-4bf4-b142-e8883122f766';
const now = new Date('2026-11-30T17:45:12.345Z');
const sdk = mockClient(RedshiftDataClient);
const silentLogger: RunLogger = { info: () => undefined, warn: () => undefined };
const dataApi = new RedshiftData({
  client: new RedshiftDataClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }),
  target: { workgroupName: 'shiftflow', database: 'dev' },
});

/** SQL-looking fragments an attacker could place in any string field of an event. */
const sqlFragment = fc.constantFrom(
  "'; DROP TABLE elt_run_log; --",
  '"); DELETE FROM nyc_yellow_taxi; --',
  '$$; CALL evil(); $$',
  "' OR '1'='1",
  '/* */ UNION SELECT * FROM pg_user --',
  ':p1',
  '{{sourceS3Uri}}',
  '\\',
);
const hostileText = fc
  .array(fc.oneof(sqlFragment, fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));

const manualRequest = fc.record(
  {
    source: fc.constant('shiftflow.manual'),
    reason: hostileText,
    requestedBy: hostileText,
    runTime: fc.constantFrom('2026-11-30T16:00:00Z', '2026-11-30T16:00:00.123+05:30'),
  },
  { requiredKeys: ['source', 'reason'] },
);
const schedulerInputWithHostileFields = fc.record({
  source: fc.constant('shiftflow.scheduler'),
  scheduledTime: fc.constantFrom('2026-11-30T16:00:00Z', '2026-11-30T11:00:00-05:00'),
  scheduleArn: hostileText,
  executionId: hostileText,
  attemptNumber: fc.oneof(hostileText, fc.integer()),
});

function sentCommands() {
  return {
    executes: sdk
      .commandCalls(ExecuteStatementCommand)
      .map((call) => call.args[0].input as ExecuteStatementCommandInput),
    lists: sdk
      .commandCalls(ListStatementsCommand)
      .map((call) => call.args[0].input as ListStatementsCommandInput),
  };
}

/** Every string found anywhere in a value (keys included). */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const element of value) stringsIn(element, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, element] of Object.entries(value)) {
      into.push(key);
      stringsIn(element, into);
    }
  }
  return into;
}

describe('startEltRun on hostile input', () => {
  beforeEach(() => {
    sdk.reset();
    sdk.on(ListStatementsCommand).resolves({ Statements: [] });
    sdk.on(ExecuteStatementCommand).resolves({ Id: statementId, CreatedAt: now });
  });

  it('starts a run or rejects with EventParseError, and sends only the configured SQL (1,000 cases)', async () => {
    const counts = { started: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          eventInput([scheduledRuleEvent, schedulerDefaultEvent, schedulerInputEvent]),
          manualRequest,
          schedulerInputWithHostileFields,
        ),
        async (input) => {
          sdk.resetHistory();
          let result: Awaited<ReturnType<typeof startEltRun>>;
          try {
            result = await startEltRun(input, { dataApi, settings, logger: silentLogger, now: () => now });
          } catch (error) {
            expect(error).toBeInstanceOf(EventParseError);
            expect(sentCommands().executes).toHaveLength(0);
            counts.rejected++;
            return;
          }
          counts.started++;
          expect(result.status).toBe('started');
          const { executes, lists } = sentCommands();
          expect(executes).toHaveLength(1);
          const [execute] = executes;
          // The SQL text is the configuration's, byte for byte; nothing from the event is pasted in.
          expect(execute?.Sql).toBe(settings.eltSql);
          expect(execute?.Parameters).toBeUndefined();
          // The statement name is the pipeline name and a normalised time: no quote, space or semicolon.
          expect(execute?.StatementName).toBe(result.runId);
          expect(execute?.StatementName).toMatch(
            /^nyc-taxi\/(manual\/)?[-+0-9]+-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
          );
          for (const list of lists) expect(list.StatementName).toBe('nyc-taxi/');
          for (const text of stringsIn(input)) {
            if (text.length >= 3 && !settings.eltSql.includes(text)) expect(execute?.Sql).not.toContain(text);
          }
        },
      ),
      { numRuns },
    );
    expect(counts.started).toBeGreaterThan(0);
    expect(counts.rejected).toBeGreaterThan(0);
  });
});

describe('quoteSqlLiteral (setup values, the only values the runner puts into SQL text)', () => {
  it('returns one literal that decodes to the value, or throws SetupValueError (1,000 cases)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), hostileText), (value) => {
        let literal: string;
        try {
          literal = quoteSqlLiteral(value, 'sourceS3Uri');
        } catch (error) {
          expect(error).toBeInstanceOf(SetupValueError);
          expect((error as SetupValueError).valueName).toBe('sourceS3Uri');
          // Only the characters that could end or escape a Redshift literal are refused.
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
          expect(value).toMatch(/[\\$\u0000-\u001f\u007f]/);
          return;
        }
        // A single standard SQL string literal: quotes only doubled inside, so it cannot be left early.
        expect(literal).toMatch(/^'(?:[^']|'')*'$/s);
        expect(literal.slice(1, -1).replaceAll("''", "'")).toBe(value);
      }),
      { numRuns },
    );
  });
});
