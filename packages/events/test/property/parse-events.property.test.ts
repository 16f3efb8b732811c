/**
 * Property-based bad input for the event parsers the runner and the notifier call first: random JSON, arbitrary JS values and mutated real fixtures either parse to a value the
 * schema accepts or raise EventParseError listing every failing path; nothing else may escape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import pipelineConfigFixture from '../../src/__fixtures__/pipeline-config.json';
import scheduledRuleEvent from '../../src/__fixtures__/scheduled-rule-event.json';
import schedulerDefaultEvent from '../../src/__fixtures__/scheduler-default-event.json';
import schedulerInputEvent from '../../src/__fixtures__/scheduler-input-event.json';
import statusChangeFailed from '../../src/__fixtures__/status-change-failed.json';
import statusChangeFinished from '../../src/__fixtures__/status-change-finished.json';
import {
  EventParseError,
  parsePipelineConfig,
  parseRunnerInput,
  parseScheduledEvent,
  parseStatementName,
  parseStatementStatusChangeEvent,
  runnerInputSchema,
  runRequestOf,
  scheduledEventSchema,
  statementNameFor,
  statementStatusChangeEventSchema,
} from '../../src/index';
import { eventInput } from './mutate-json';

const numRuns = 1000;

/** Runs `parse` and checks the outcome: a value, or an EventParseError that names its paths. */
function parseOrTypedError(parse: (input: unknown) => unknown, input: unknown, subject: string): unknown {
  try {
    return parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(EventParseError);
    const parseError = error as EventParseError;
    expect(parseError.code).toBe('EVENT_PARSE_FAILED');
    expect(parseError.subject).toBe(subject);
    expect(parseError.issues.length).toBeGreaterThan(0);
    for (const issue of parseError.issues) {
      expect(typeof issue.path).toBe('string');
      expect(parseError.message).toContain(issue.path === '' ? '(root)' : issue.path);
    }
    return undefined;
  }
}

const manualRequest = {
  source: 'shiftflow.manual',
  reason: 'reload after fixing the files',
  requestedBy: 'ana',
};
const runnerFixtures = [scheduledRuleEvent, schedulerDefaultEvent, schedulerInputEvent, manualRequest];
const statusFixtures = [statusChangeFinished, statusChangeFailed];

describe('parseRunnerInput on hostile input', () => {
  it('returns a schema-valid value or throws EventParseError listing paths (1,000 cases)', () => {
    let parsed = 0;
    fc.assert(
      fc.property(eventInput(runnerFixtures), (input) => {
        const result = parseOrTypedError(parseRunnerInput, input, 'runner input');
        if (result !== undefined) {
          parsed++;
          expect(runnerInputSchema.safeParse(result).success).toBe(true);
        }
      }),
      { numRuns },
    );
    // The generator must reach both outcomes, or the property says little.
    expect(parsed).toBeGreaterThan(0);
  });
});

describe('parseScheduledEvent on hostile input', () => {
  it('returns a schema-valid value or throws EventParseError listing paths (1,000 cases)', () => {
    fc.assert(
      fc.property(eventInput(runnerFixtures.slice(0, 3)), (input) => {
        const result = parseOrTypedError(parseScheduledEvent, input, 'scheduled event');
        if (result !== undefined) expect(scheduledEventSchema.safeParse(result).success).toBe(true);
      }),
      { numRuns },
    );
  });
});

describe('parseStatementStatusChangeEvent on hostile input', () => {
  it('returns a schema-valid value or throws EventParseError listing paths (1,000 cases)', () => {
    let rejected = 0;
    fc.assert(
      fc.property(eventInput(statusFixtures), (input) => {
        const result = parseOrTypedError(
          parseStatementStatusChangeEvent,
          input,
          'statement status change event',
        );
        if (result === undefined) rejected++;
        else expect(statementStatusChangeEventSchema.safeParse(result).success).toBe(true);
      }),
      { numRuns },
    );
    expect(rejected).toBeGreaterThan(0);
  });
});

describe('parsePipelineConfig on hostile input', () => {
  it('returns a config or throws EventParseError listing paths (1,000 cases)', () => {
    fc.assert(
      fc.property(eventInput([pipelineConfigFixture]), (input) => {
        parseOrTypedError(parsePipelineConfig, input, 'pipeline config');
      }),
      { numRuns },
    );
  });
});

/** ISO date-times with any offset that the `z.iso.datetime({ offset: true })` schema accepts. */
const isoDateTime = fc
  .record({
    // Years AWS Scheduler can produce (cron years 1970-2199); the edge years are tested below.
    instant: fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2199-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    offsetMinutes: fc.option(fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }), { nil: undefined }),
  })
  .map(({ instant, offsetMinutes }) => {
    const iso = instant.toISOString().slice(0, 19);
    if (offsetMinutes === undefined) return `${iso}Z`;
    const sign = offsetMinutes < 0 ? '-' : '+';
    const absolute = Math.abs(offsetMinutes);
    const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
    const minutes = String(absolute % 60).padStart(2, '0');
    return `${iso}${sign}${hours}:${minutes}`;
  });

describe('run identity of every accepted runner input', () => {
  it('names the run so that parseStatementName gives back the same trigger and time (1,000 cases)', () => {
    const now = new Date('2026-11-30T17:45:12.345Z');
    fc.assert(
      fc.property(isoDateTime, fc.constantFrom('rule', 'scheduler', 'manual'), (time, form) => {
        const input =
          form === 'rule'
            ? { ...scheduledRuleEvent, time }
            : form === 'scheduler'
              ? { ...schedulerInputEvent, scheduledTime: time }
              : { ...manualRequest, runTime: time };
        const request = runRequestOf(parseRunnerInput(input), now);
        const name = statementNameFor({ pipelineName: 'nyc-taxi', ...request });
        const parts = parseStatementName(name);
        expect(parts, `statement name ${name} of ${time}`).toBeDefined();
        expect(parts?.pipelineName).toBe('nyc-taxi');
        expect(parts?.trigger).toBe(request.trigger);
        expect(parts?.scheduledTime.getTime()).toBe(request.scheduledTime.getTime());
      }),
      { numRuns },
    );
  });
});

describe('run identity at the edges of the accepted time range', () => {
  // Found by the property above when it covered years 0000-9999 (bug list in RELIABILITY.md):
  // the schema accepts the local time 0000-01-01T03:52:59+03:53, whose UTC year is -1, so the run
  // gets the statement name "nyc-taxi/-000001-12-31T23:59:59.000Z", which parseStatementName (and
  // so the notifier) cannot read back. Expected: the parser rejects such a time with EventParseError,
  // or the name round-trips.
  it.each([['0000-01-01T03:52:59+03:53'], ['9999-12-31T23:59:59-00:01']])(
    'either rejects %s or names a run parseStatementName reads back',
    (time) => {
      let request: ReturnType<typeof runRequestOf>;
      try {
        request = runRequestOf(parseRunnerInput({ ...schedulerInputEvent, scheduledTime: time }), new Date());
      } catch (error) {
        expect(error).toBeInstanceOf(EventParseError);
        return;
      }
      const name = statementNameFor({ pipelineName: 'nyc-taxi', ...request });
      expect(parseStatementName(name)?.scheduledTime.getTime()).toBe(request.scheduledTime.getTime());
    },
  );
});
