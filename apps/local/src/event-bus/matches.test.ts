import { describe, expect, it } from 'vitest';
import ec2Event from './__fixtures__/ec2-state-change.json' with { type: 'json' };
import statusChangeEvent from './__fixtures__/redshift-statement-status-change.json' with { type: 'json' };
import { matches } from './matches';

type Case = [description: string, pattern: Record<string, unknown>, expected: boolean];

describe('matches', () => {
  describe('the EventBridge / event-ruler documented semantics on an EC2 event', () => {
    it.each<Case>([
      // exact matching, by JSON type
      ['exact string on source', { source: ['aws.ec2'] }, true],
      ['exact string that differs', { source: ['aws.s3'] }, false],
      ['values in a list are ORed', { source: ['aws.s3', 'aws.ec2'] }, true],
      ['fields are ANDed', { source: ['aws.ec2'], 'detail-type': ['Something else'] }, false],
      ['nested exact match', { detail: { state: ['running'] } }, true],
      ['exact number', { detail: { 'c-count': [5] } }, true],
      ['a number does not match its string form', { detail: { 'c-count': ['5'] } }, false],
      ['a string does not match a number pattern', { detail: { 'count-as-string': [5] } }, false],
      ['decimal number', { detail: { 'x-limit': [301.8] } }, true],
      ['boolean true', { detail: { enabled: [true] } }, true],
      ['boolean does not match the string "true"', { detail: { enabled: ['true'] } }, false],
      ['null matches a null value', { detail: { owner: [null] } }, true],
      ['null does not match a missing field', { detail: { nobody: [null] } }, false],
      ['empty string matches an empty value', { detail: { empty: [''] } }, true],
      ['empty string does not match null', { detail: { owner: [''] } }, false],
      ['matching is case sensitive', { detail: { state: ['RUNNING'] } }, false],
      ['account is matched', { account: ['999999999999'] }, false],
      ['region is matched', { region: ['us-east-1'] }, true],
      ['region that differs', { region: ['eu-west-1'] }, false],
      [
        'resources (an event array) matched by any element',
        { resources: [{ suffix: 'i-000000aaaaaa00000' }] },
        true,
      ],
      ['resources that differ', { resources: ['arn:aws:ec2:us-east-1:012345679012:instance/other'] }, false],
      // prefix / suffix / equals-ignore-case
      ['prefix', { 'detail-type': [{ prefix: 'EC2 Instance' }] }, true],
      ['prefix that differs', { 'detail-type': [{ prefix: 'ec2 instance' }] }, false],
      [
        'prefix with equals-ignore-case',
        { 'detail-type': [{ prefix: { 'equals-ignore-case': 'ec2 INSTANCE' } }] },
        true,
      ],
      ['prefix only applies to strings', { detail: { 'c-count': [{ prefix: '5' }] } }, false],
      ['suffix', { detail: { filename: [{ suffix: '.png' }] } }, true],
      ['suffix that differs', { detail: { filename: [{ suffix: '.PNG' }] } }, false],
      [
        'suffix with equals-ignore-case',
        { detail: { filename: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } },
        true,
      ],
      ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'RUNNING' }] } }, true],
      [
        'equals-ignore-case that differs',
        { detail: { state: [{ 'equals-ignore-case': 'STOPPED' }] } },
        false,
      ],
      // anything-but
      ['anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
      ['anything-but the same string', { detail: { state: [{ 'anything-but': 'running' }] } }, false],
      ['anything-but a list', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, true],
      [
        'anything-but a list holding the value',
        { detail: { state: [{ 'anything-but': ['stopped', 'running'] }] } },
        false,
      ],
      ['anything-but a number', { detail: { 'c-count': [{ 'anything-but': 0 }] } }, true],
      [
        'anything-but numbers holding the value',
        { detail: { 'c-count': [{ 'anything-but': [3, 5] }] } },
        false,
      ],
      ['anything-but prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, true],
      [
        'anything-but prefix of the value',
        { detail: { state: [{ 'anything-but': { prefix: 'run' } }] } },
        false,
      ],
      [
        'anything-but suffix of the value',
        { detail: { filename: [{ 'anything-but': { suffix: '.png' } }] } },
        false,
      ],
      [
        'anything-but equals-ignore-case of the value',
        { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'RUNNING'] } }] } },
        false,
      ],
      [
        'anything-but wildcard of the value',
        { detail: { filename: [{ 'anything-but': { wildcard: 'archive/*' } }] } },
        false,
      ],
      [
        'anything-but wildcard not matching',
        { detail: { filename: [{ 'anything-but': { wildcard: 'tmp/*' } }] } },
        true,
      ],
      [
        'anything-but does not match a missing field',
        { detail: { nothing: [{ 'anything-but': 'x' }] } },
        false,
      ],
      // numeric
      ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, true],
      [
        'numeric range excluding the value',
        { detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } },
        false,
      ],
      ['numeric equals', { detail: { 'd-count': [{ numeric: ['=', 3] }] } }, true],
      ['numeric with decimals', { detail: { 'x-limit': [{ numeric: ['>=', 300, '<', 301.81] }] } }, true],
      [
        'numeric does not match a numeric string',
        { detail: { 'count-as-string': [{ numeric: ['=', 5] }] } },
        false,
      ],
      ['numeric one-sided', { detail: { 'x-limit': [{ numeric: ['<', 300] }] } }, false],
      // exists
      ['exists true on a present field', { detail: { state: [{ exists: true }] } }, true],
      ['exists true on a missing field', { detail: { missing: [{ exists: true }] } }, false],
      ['exists false on a missing field', { detail: { missing: [{ exists: false }] } }, true],
      ['exists false on a present field', { detail: { state: [{ exists: false }] } }, false],
      ['exists true on a null value', { detail: { owner: [{ exists: true }] } }, true],
      ['exists only looks at leaves: not on an object', { detail: { location: [{ exists: true }] } }, false],
      ['exists false under a missing parent', { nothing: { here: [{ exists: false }] } }, true],
      ['exists combined with a value is ORed', { detail: { missing: ['x', { exists: false }] } }, true],
      // wildcard
      ['wildcard', { detail: { filename: [{ wildcard: 'archive/*/report.png' }] } }, true],
      ['wildcard with two stars', { detail: { filename: [{ wildcard: '*2013*.png' }] } }, true],
      ['wildcard that differs', { detail: { filename: [{ wildcard: 'archive/*.jpg' }] } }, false],
      [
        'wildcard treats regex characters literally',
        { detail: { filename: [{ wildcard: 'archive/2013/report?png' }] } },
        false,
      ],
      ['wildcard star matches the empty run', { detail: { state: [{ wildcard: 'running*' }] } }, true],
      // cidr
      ['cidr IPv4', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
      ['cidr IPv4 outside the block', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, false],
      ['cidr IPv6', { detail: { 'source-ipv6': [{ cidr: '2001:db8::/32' }] } }, true],
      ['cidr IPv6 outside the block', { detail: { 'source-ipv6': [{ cidr: '2001:db9::/32' }] } }, false],
      ['cidr on a value that is not an address', { detail: { state: [{ cidr: '10.0.0.0/8' }] } }, false],
      // $or
      [
        '$or with one matching branch',
        { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { 'd-count': [3] }] } },
        true,
      ],
      ['$or with no matching branch', { detail: { $or: [{ 'c-count': [1] }, { 'd-count': [1] }] } }, false],
      [
        '$or is ANDed with its sibling keys',
        { source: ['aws.s3'], $or: [{ detail: { state: ['running'] } }, { region: ['us-east-1'] }] },
        false,
      ],
      [
        '$or with matching sibling keys',
        { source: ['aws.ec2'], $or: [{ detail: { state: ['stopped'] } }, { region: ['us-east-1'] }] },
        true,
      ],
      [
        'nested $or inside a branch',
        { $or: [{ region: ['x'] }, { $or: [{ account: ['y'] }, { source: ['aws.ec2'] }] }] },
        true,
      ],
      // event arrays
      ['an event array matches if any element matches', { detail: { tags: ['eu'] } }, true],
      ['an event array with no matching element', { detail: { tags: ['us'] } }, false],
      ['numeric on an array of numbers', { detail: { ports: [{ numeric: ['>', 400] }] } }, true],
      [
        'anything-but on an array with another element',
        { detail: { tags: [{ 'anything-but': 'prod' }] } },
        true,
      ],
      [
        'array of objects: fields from one element',
        { detail: { volumes: { type: ['io2'], size: [500] } } },
        true,
      ],
      [
        'array of objects: fields from different elements do not match',
        { detail: { volumes: { type: ['gp3'], size: [500] } } },
        false,
      ],
      ['nested object', { detail: { location: { city: ['Seattle'] } } }, true],
      ['a leaf pattern does not match an object', { detail: { location: ['Seattle'] } }, false],
    ])('%s', (_description, pattern, expected) => {
      expect(matches(pattern, ec2Event)).toBe(expected);
    });
  });

  describe('the shiftflow status-change rule', () => {
    const pattern = {
      source: ['aws.redshift-data'],
      'detail-type': ['Redshift Data Statement Status Change'],
      detail: { statementName: [{ prefix: 'test.' }], state: ['FINISHED', 'FAILED', 'ABORTED'] },
    };

    it('matches a FINISHED statement', () => {
      expect(matches(pattern, statusChangeEvent)).toBe(true);
    });

    it('does not match another statement name', () => {
      expect(
        matches(pattern, {
          ...statusChangeEvent,
          detail: { ...statusChangeEvent.detail, statementName: 'x' },
        }),
      ).toBe(false);
    });

    it('does not match a state outside the list', () => {
      expect(
        matches(pattern, { ...statusChangeEvent, detail: { ...statusChangeEvent.detail, state: 'STARTED' } }),
      ).toBe(false);
    });
  });

  it('treats escaped stars and backslashes in wildcards literally', () => {
    expect(matches({ a: [{ wildcard: 'x\\*y' }] }, { a: 'x*y' })).toBe(true);
    expect(matches({ a: [{ wildcard: 'x\\*y' }] }, { a: 'xzy' })).toBe(false);
    expect(matches({ a: [{ wildcard: 'x\\\\y' }] }, { a: 'x\\y' })).toBe(true);
  });

  it('matches IPv4-mapped and compressed IPv6 addresses by value', () => {
    expect(
      matches({ ip: [{ cidr: '2001:db8::/64' }] }, { ip: '2001:0db8:0000:0000:0000:0000:0000:0001' }),
    ).toBe(true);
    expect(matches({ ip: [{ cidr: '192.168.0.0/16' }] }, { ip: '192.168.255.255' })).toBe(true);
    expect(matches({ ip: [{ cidr: '192.168.0.0/16' }] }, { ip: '192.169.0.0' })).toBe(false);
  });
  describe("reads only the event's own fields", () => {
    it('does not match a missing "__proto__" field through Object.prototype', () => {
      const pattern: unknown = JSON.parse('{"__proto__":{"__proto__":[null]}}');
      expect(matches(pattern, {})).toBe(false);
      expect(matches(pattern, JSON.parse('{"__proto__":{"__proto__":null}}'))).toBe(true);
    });

    it('does not see inherited members such as "constructor" or "toString"', () => {
      expect(matches({ constructor: [{ exists: true }] }, {})).toBe(false);
      expect(matches({ constructor: [{ exists: false }] }, {})).toBe(true);
      expect(matches({ detail: { toString: [{ exists: true }] } }, { detail: {} })).toBe(false);
      expect(matches({ constructor: ['x'] }, { constructor: 'x' })).toBe(true);
    });
  });
});
