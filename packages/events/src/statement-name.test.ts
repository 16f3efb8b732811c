import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { parseStatementName, statementNameFor } from './statement-name';

describe('statementNameFor', () => {
  it('names scheduled runs <pipeline>/<ISO time>', () => {
    const name = statementNameFor({
      pipelineName: 'nyc-taxi',
      trigger: 'scheduled',
      scheduledTime: new Date('2026-11-30T16:00:00Z'),
    });
    expect(name).toBe('nyc-taxi/2026-11-30T16:00:00.000Z');
  });

  it('names manual runs <pipeline>/manual/<ISO time>', () => {
    const name = statementNameFor({
      pipelineName: 'nyc-taxi',
      trigger: 'manual',
      scheduledTime: new Date('2026-11-30T16:00:00Z'),
    });
    expect(name).toBe('nyc-taxi/manual/2026-11-30T16:00:00.000Z');
  });

  it('rejects a bad pipeline name and an invalid date', () => {
    expect(() =>
      statementNameFor({ pipelineName: 'A b', trigger: 'manual', scheduledTime: new Date() }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      statementNameFor({ pipelineName: 'a', trigger: 'manual', scheduledTime: new Date('nope') }),
    ).toThrow(/scheduledTime/);
  });

  it('rejects times whose UTC year has no four-digit ISO form', () => {
    expect(() =>
      statementNameFor({
        pipelineName: 'a',
        trigger: 'scheduled',
        scheduledTime: new Date('+010000-01-01T00:00:00Z'),
      }),
    ).toThrow(/0000-9999/);
  });

  it('round-trips through parseStatementName', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/),
        fc.constantFrom('scheduled' as const, 'manual' as const),
        fc.date({ min: new Date('2000-01-01Z'), max: new Date('2199-12-31Z'), noInvalidDate: true }),
        (pipelineName, trigger, scheduledTime) => {
          const parts = { pipelineName, trigger, scheduledTime };
          expect(parseStatementName(statementNameFor(parts))).toEqual(parts);
        },
      ),
    );
  });

  it('parses foreign names as undefined', () => {
    expect(parseStatementName('test.testtable')).toBeUndefined();
    expect(parseStatementName('nyc-taxi/yesterday')).toBeUndefined();
  });
});
