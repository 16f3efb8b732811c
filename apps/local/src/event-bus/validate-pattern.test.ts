import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError } from './errors';
import { validatePattern } from './validate-pattern';

describe('validatePattern', () => {
  it.each([
    [
      'every matcher kind',
      {
        source: ['aws.ec2', 5, true, null],
        a: [
          { prefix: 'x' },
          { prefix: { 'equals-ignore-case': 'x' } },
          { suffix: 'y' },
          { 'equals-ignore-case': 'z' },
        ],
        b: [{ 'anything-but': 'x' }, { 'anything-but': [1, 2] }, { 'anything-but': { prefix: 'p' } }],
        c: [{ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }, { 'anything-but': { wildcard: 'a*' } }],
        d: [{ numeric: ['>', 0, '<=', 5] }, { numeric: ['=', 3] }, { exists: true }, { cidr: '10.0.0.0/8' }],
        e: [{ wildcard: 'a*b\\*c\\\\' }],
        $or: [{ f: ['1'] }, { g: { h: ['2'] } }],
      },
    ],
  ])('accepts %s', (_description, pattern) => {
    expect(() => validatePattern(pattern)).not.toThrow();
  });

  it.each<[string, unknown, string]>([
    [
      'a pattern that is not an object',
      '{"source":["x"]}',
      'event pattern must be a JSON object, got "{\\"source\\":[\\"x\\"]}"',
    ],
    ['an array pattern', [{ source: ['x'] }], 'event pattern must be a JSON object'],
    ['an empty pattern', {}, 'event pattern is an empty object'],
    [
      'a leaf that is not an array',
      { source: 'aws.ec2' },
      'at "source" must be an array of match values or an object, got "aws.ec2"',
    ],
    ['an empty leaf array', { detail: { state: [] } }, 'at "detail.state" is an empty array'],
    ['an empty nested object', { detail: {} }, 'at "detail" is an empty object'],
    [
      'a nested array value',
      { source: [['x']] },
      'at "source[0]" must be a string, number, boolean, null or matcher object, got ["x"]',
    ],
    ['an unknown matcher', { source: [{ contains: 'x' }] }, 'at "source[0]" has unknown matcher "contains"'],
    ['two matcher keys', { source: [{ prefix: 'a', suffix: 'b' }] }, 'must have exactly one matcher key'],
    ['a prefix that is not a string', { source: [{ prefix: 5 }] }, '"prefix" needs a string, got 5'],
    [
      'a prefix with another inner key',
      { source: [{ prefix: { wildcard: 'a' } }] },
      '"prefix" takes a string or {"equals-ignore-case": string}',
    ],
    [
      'equals-ignore-case on a number',
      { source: [{ 'equals-ignore-case': 5 }] },
      '"equals-ignore-case" needs a string, got 5',
    ],
    [
      'anything-but with mixed types',
      { a: [{ 'anything-but': ['a', 1] }] },
      '"anything-but" list must be all strings or all numbers',
    ],
    ['anything-but with an empty list', { a: [{ 'anything-but': [] }] }, '"anything-but" list is empty'],
    [
      'anything-but with a boolean',
      { a: [{ 'anything-but': true }] },
      '"anything-but" takes a string, number, list or object, got true',
    ],
    [
      'anything-but with an unknown inner key',
      { a: [{ 'anything-but': { numeric: ['>', 1] } }] },
      '"anything-but" object takes prefix, suffix',
    ],
    ['numeric that is not an array', { a: [{ numeric: 5 }] }, '"numeric" needs [operator, number]'],
    [
      'numeric with an unknown operator',
      { a: [{ numeric: ['!=', 5] }] },
      '"numeric" has unknown operator "!="',
    ],
    [
      'numeric with a string bound',
      { a: [{ numeric: ['>', '5'] }] },
      '"numeric" needs a number after ">", got "5"',
    ],
    [
      'numeric with an empty range',
      { a: [{ numeric: ['>', 5, '<', 5] }] },
      'is empty: the lower bound is not below the upper bound',
    ],
    [
      'numeric with bounds in the wrong order',
      { a: [{ numeric: ['<', 5, '>', 1] }] },
      'must be a lower bound (>, >=) then an upper bound',
    ],
    [
      'numeric "=" in a range',
      { a: [{ numeric: ['=', 5, '<', 9] }] },
      'must be a lower bound (>, >=) then an upper bound',
    ],
    [
      'numeric out of range',
      { a: [{ numeric: ['>', 6e9] }] },
      '"numeric" value 6000000000 is outside -5.0e9 to 5.0e9',
    ],
    ['exists with a string', { a: [{ exists: 'true' }] }, '"exists" needs true or false, got "true"'],
    [
      'cidr without a prefix length',
      { a: [{ cidr: '10.0.0.1' }] },
      '"cidr" "10.0.0.1" is not an IPv4 or IPv6 block',
    ],
    [
      'cidr with a bad address',
      { a: [{ cidr: '10.0.0.256/8' }] },
      '"cidr" "10.0.0.256/8" is not an IPv4 or IPv6 block',
    ],
    ['cidr with too long a prefix', { a: [{ cidr: '10.0.0.0/33' }] }, 'is not an IPv4 or IPv6 block'],
    ['wildcard with "**"', { a: [{ wildcard: 'a**b' }] }, '"wildcard" "a**b" has consecutive "**"'],
    ['wildcard with a bad escape', { a: [{ wildcard: 'a\\b' }] }, 'has "\\" not followed by "*" or "\\"'],
    ['$or with one branch', { $or: [{ a: ['1'] }] }, 'at "$or" needs an array of at least two patterns'],
    ['$or that is not an array', { $or: { a: ['1'] } }, 'at "$or" needs an array of at least two patterns'],
    [
      'a bad value inside $or',
      { $or: [{ a: ['1'] }, { b: 'x' }] },
      'at "$or[1].b" must be an array of match values or an object',
    ],
  ])('rejects %s', (_description, pattern, message) => {
    const call = () => validatePattern(pattern);
    expect(call).toThrow(InvalidEventPatternError);
    expect(call).toThrow(message);
  });

  it('carries the path, reason and pattern on the error', () => {
    const pattern = { detail: { state: [{ numeric: ['>', 'x'] }] } };
    let caught: unknown;
    try {
      validatePattern(pattern);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'INVALID_EVENT_PATTERN',
      path: 'detail.state[0]',
      reason: '"numeric" needs a number after ">", got "x"',
      pattern,
    });
  });
});
