import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { describeIssue } from './describe-issue';
import { EventParseError, formatParseIssue } from './errors';
import { parseRunnerInput } from './runner-input';

function firstIssue(schema: z.ZodMiniType, input: unknown): z.core.$ZodIssue {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to fail');
  const issue = result.error.issues[0];
  if (issue === undefined) throw new Error('expected an issue');
  return issue;
}

describe('describeIssue', () => {
  it('names the expected type instead of "Invalid input"', () => {
    expect(describeIssue(firstIssue(z.string(), 5))).toBe('expected string');
  });

  it('lists the allowed values of an enum or literal', () => {
    expect(describeIssue(firstIssue(z.enum(['FINISHED', 'FAILED']), 'NOPE'))).toBe(
      'expected one of "FINISHED" | "FAILED"',
    );
    expect(describeIssue(firstIssue(z.literal('aws.events'), 'x'))).toBe('expected "aws.events"');
  });

  it('gives the length limits of strings and arrays', () => {
    expect(describeIssue(firstIssue(z.string().check(z.minLength(3)), 'ab'))).toBe(
      'expected at least 3 characters',
    );
    expect(describeIssue(firstIssue(z.array(z.string()).check(z.maxLength(1)), ['a', 'b']))).toBe(
      'expected at most 1 items',
    );
  });

  it('shows the pattern a string must match', () => {
    expect(describeIssue(firstIssue(z.string().check(z.regex(/^a+$/)), 'b'))).toBe(
      'expected a string matching /^a+$/',
    );
  });

  it('names unknown keys of a strict object', () => {
    expect(describeIssue(firstIssue(z.strictObject({}), { extra: 1 }))).toBe('unknown key "extra"');
  });

  it('lists the discriminator values of a discriminated union', () => {
    const schema = z.discriminatedUnion('type', [
      z.object({ type: z.literal('a') }),
      z.object({ type: z.literal('b') }),
    ]);
    expect(describeIssue(firstIssue(schema, { type: 'c' }))).toBe('expected one of "a" | "b"');
  });

  it('says what each form of a plain union expected', () => {
    expect(describeIssue(firstIssue(z.union([z.string(), z.number()]), true))).toBe(
      'matches none of the accepted forms: (1) expected string, (2) expected number',
    );
  });

  it('keeps a message the schema set itself', () => {
    expect(describeIssue(firstIssue(z.string().check(z.minLength(1, 'must say why')), ''))).toBe(
      'must say why',
    );
  });
});

describe('parseWithSchema', () => {
  it('throws EventParseError whose message says what was expected, never a bare "Invalid input"', () => {
    let caught: unknown;
    try {
      parseRunnerInput({ source: 'shiftflow.manual', reason: 5 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventParseError);
    const error = caught as EventParseError;
    expect(error.message).toBe('invalid runner input: reason: expected string (got 5)');
    expect(error.issues).toEqual([{ path: 'reason', message: 'expected string', value: 5 }]);
    expect(error.message).not.toContain('Invalid input');
  });
});

describe('formatParseIssue', () => {
  it('shows the path, the expectation and the value, and survives a cyclic value', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    expect(formatParseIssue({ path: 'detail.state', message: 'expected string', value: 5 })).toBe(
      'detail.state: expected string (got 5)',
    );
    expect(formatParseIssue({ path: '', message: 'expected object', value: cyclic })).toBe(
      '(root): expected object (got [object])',
    );
  });
});
