/**
 * Property-based bad input and SQL-injection checks of the notifier:
 * any event either is announced/ignored or raises a NotifierError (InvalidStatusChangeEventError
 * listing every failing path when the event does not parse); statement names and other event
 * fields never reach SQL text, only the load-error lookup's fixed query with its bound parameters
 * (the process id and creation time DescribeStatement reported, never the event's fields).
 * The Data API is the real `@shiftflow/data-api` client over a RedshiftDataClient mocked with
 * aws-sdk-client-mock, and SNS a mocked SNSClient; both capture every command.
 */
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { parseStatementStatusChangeEvent } from '@shiftflow/events';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventInput } from '../../../events/test/property/mutate-json';
import { createTestDependencies } from '../../src/__fixtures__/create-test-dependencies';
import statusChangeAborted from '../../src/__fixtures__/status-change-aborted.json';
import statusChangeFailed from '../../src/__fixtures__/status-change-failed.json';
import statusChangeFinished from '../../src/__fixtures__/status-change-finished.json';
import { InvalidStatusChangeEventError, NotifierError } from '../../src/errors';
import { MemoryLedger } from '../../src/memory-ledger';
import { notifyStatusChange } from '../../src/notify-status-change';

const numRuns = 1000;
const queryId = 'bbbbbbbb-2222-4222-8222-000000000001';
const loadErrorSql =
  'SELECT TRIM(file_name) AS file_name, line_number, TRIM(column_name) AS column_name, TRIM(column_type) AS column_type, position, error_code, TRIM(error_message) AS error_message FROM sys_load_error_detail WHERE session_id = CAST(:session_id AS INTEGER) AND start_time >= CAST(:since AS TIMESTAMP) ORDER BY start_time, line_number LIMIT 5';
const redshiftData = mockClient(RedshiftDataClient);
const sns = mockClient(SNSClient);

const sqlFragment = fc.constantFrom(
  "'; DROP TABLE elt_run_log; --",
  '"); DELETE FROM nyc_yellow_taxi; --',
  '$$; CALL evil(); $$',
  "' OR '1'='1",
  ':table_name',
  '\\',
);
const hostileText = fc
  .array(fc.oneof(sqlFragment, fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));

/** Well-formed events of this pipeline whose free-text fields carry SQL. */
const hostileOwnEvent = fc
  .record({
    base: fc.constantFrom(statusChangeFinished, statusChangeFailed, statusChangeAborted),
    statementName: hostileText.map((text) => `nyc-taxi/${text}`),
    principal: hostileText,
    id: hostileText,
    resource: hostileText,
  })
  .map(({ base, statementName, principal, id, resource }) => ({
    ...base,
    id,
    resources: [resource],
    detail: { ...base.detail, statementName, principal },
  }));

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

function parses(event: unknown): boolean {
  try {
    parseStatementStatusChangeEvent(event);
    return true;
  } catch {
    // Only the outcome matters here: the property compares it with what the notifier did.
    return false;
  }
}

describe('notifyStatusChange on hostile input', () => {
  beforeEach(() => {
    redshiftData.reset();
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
    redshiftData.on(ExecuteStatementCommand).resolves({ Id: queryId });
    // Every failed statement failed its load, so each failure runs the load-error query.
    redshiftData.on(DescribeStatementCommand).callsFake((input: { Id: string }) => ({
      Id: input.Id,
      Status: input.Id === queryId ? 'FINISHED' : 'FAILED',
      Error:
        input.Id === queryId
          ? undefined
          : "ERROR: Load into table 'nyc_yellow_taxi' failed.  Check 'stl_load_errors' system table for details.",
      RedshiftPid: 4242,
      HasResultSet: input.Id === queryId,
      CreatedAt: new Date('2026-11-30T16:00:01Z'),
      UpdatedAt: new Date('2026-11-30T16:04:26Z'),
      Duration: 245_000_000_000,
      QueryString: 'CALL run_elt_process();',
    }));
    redshiftData.on(GetStatementResultCommand).callsFake((input: { Id: string }) =>
      input.Id === queryId
        ? {
            ColumnMetadata: [
              { name: 'file_name', typeName: 'varchar' },
              { name: 'line_number', typeName: 'int8' },
            ],
            Records: [[{ stringValue: 's3://b/k' }, { longValue: 3 }]],
            TotalNumRows: 1,
          }
        : {
            ColumnMetadata: [
              { name: 'rows_loaded', label: 'rows_loaded', typeName: 'int8' },
              { name: 'started_at', label: 'started_at', typeName: 'timestamp' },
              { name: 'ended_at', label: 'ended_at', typeName: 'timestamp' },
            ],
            Records: [
              [
                { longValue: 42 },
                { stringValue: '2026-11-30 16:04:20' },
                { stringValue: '2026-11-30 16:04:25' },
              ],
            ],
            TotalNumRows: 1,
          },
    );
  });

  it('announces, ignores, or throws a NotifierError; SQL carries no event data (1,000 cases)', async () => {
    const counts = { announced: 0, ignored: 0, invalid: 0, otherTyped: 0, loadErrorQueries: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          eventInput([statusChangeFinished, statusChangeFailed, statusChangeAborted]),
          hostileOwnEvent,
        ),
        async (event) => {
          redshiftData.resetHistory();
          sns.resetHistory();
          const dependencies = createTestDependencies({
            ledger: new MemoryLedger({ now: () => new Date('2026-11-30T16:10:00Z') }),
          });
          let outcome: Awaited<ReturnType<typeof notifyStatusChange>>;
          try {
            outcome = await notifyStatusChange(event, dependencies);
          } catch (error) {
            expect(error).toBeInstanceOf(NotifierError);
            if (!parses(event)) {
              expect(error).toBeInstanceOf(InvalidStatusChangeEventError);
              expect((error as InvalidStatusChangeEventError).issues.length).toBeGreaterThan(0);
              counts.invalid++;
            } else {
              counts.otherTyped++;
            }
            expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
            return;
          }
          expect(parses(event)).toBe(true);
          if (outcome.status === 'ignored') counts.ignored++;
          if (outcome.status === 'announced') {
            counts.announced++;
            expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
          }
          const executes = redshiftData
            .commandCalls(ExecuteStatementCommand)
            .map((call) => call.args[0].input as ExecuteStatementCommandInput);
          counts.loadErrorQueries += executes.length;
          for (const execute of executes) {
            // The only SQL the notifier sends: a fixed text with DescribeStatement's values bound as parameters.
            expect(execute.Sql).toBe(loadErrorSql);
            expect(execute.Parameters).toEqual([
              { name: 'session_id', value: '4242' },
              { name: 'since', value: '2026-11-30 16:00:01.000' },
            ]);
            for (const text of stringsIn(event)) {
              if (text.length >= 3 && !loadErrorSql.includes(text)) expect(execute.Sql).not.toContain(text);
            }
          }
        },
      ),
      { numRuns },
    );
    expect(counts.announced).toBeGreaterThan(0);
    expect(counts.invalid).toBeGreaterThan(0);
    expect(counts.loadErrorQueries).toBeGreaterThan(0);
  });
});
