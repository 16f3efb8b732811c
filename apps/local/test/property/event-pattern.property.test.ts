/**
 * Property-based tests of the EventBridge pattern matcher: random patterns are
 * either accepted or refused with InvalidEventPatternError; a valid pattern never throws on any
 * JSON event; and metamorphic/differential properties: an exact pattern built from an event's
 * own values matches it, `anything-but` of a value is the complement of the exact value, `$or`
 * of A and B is A or B, and exact/exists patterns agree with a small reference matcher that
 * reads only the event's own fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, matches, validatePattern } from '../../src/event-bus/index';

const numRuns = 1000;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Pattern = { [key: string]: unknown };

/** A small key space so that patterns and events meet; includes keys that name Object.prototype members. */
const key = fc.constantFrom('source', 'detail', 'state', 'a', 'b', 'toString', 'constructor', '__proto__');
const scalar: fc.Arbitrary<string | number | boolean | null> = fc.oneof(
  fc.constantFrom('aws.redshift-data', 'FINISHED', 'failed', '', 'a*b', '10.0.0.7', '2001:db8::1'),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
);

/** JSON objects as JSON.parse builds them (own properties only, `__proto__` included as a plain key). */
function eventArbitrary(depth: number): fc.Arbitrary<Record<string, Json>> {
  const value: fc.Arbitrary<Json> =
    depth <= 0
      ? fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))
      : fc.oneof(
          { arbitrary: scalar, weight: 3 },
          { arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 1 },
          { arbitrary: eventArbitrary(depth - 1), weight: 2 },
          { arbitrary: fc.array(eventArbitrary(depth - 1), { maxLength: 2 }), weight: 1 },
        );
  return fc
    .uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, maxLength: 5 })
    .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Record<string, Json>);
}
const event = eventArbitrary(2);
const anyJsonEvent = fc.oneof(event, fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 }));

const text = fc.oneof(fc.constantFrom('aws.', 'FIN', 'ed', 'a'), fc.string({ maxLength: 4 }));
const wildcardText = fc
  .array(
    fc.oneof(
      fc.constantFrom('*', '\\*', '\\\\'),
      fc.string({ maxLength: 3 }).filter((part) => !/[*\\]/.test(part)),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((parts) => parts.join(''))
  .filter((value) => !value.includes('**'));
const numericMatcher = fc.oneof(
  fc
    .tuple(fc.constantFrom('=', '<', '<=', '>', '>='), fc.integer({ min: -1000, max: 1000 }))
    .map(([operator, bound]) => [operator, bound]),
  fc
    .tuple(
      fc.constantFrom('>', '>='),
      fc.integer({ min: -1000, max: 0 }),
      fc.constantFrom('<', '<='),
      fc.integer({ min: 1, max: 1000 }),
    )
    .map(([lower, low, upper, high]) => [lower, low, upper, high]),
);
const matcher: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  text.map((value) => ({ prefix: value })),
  text.map((value) => ({ suffix: value })),
  text.map((value) => ({ prefix: { 'equals-ignore-case': value } })),
  text.map((value) => ({ 'equals-ignore-case': value })),
  fc
    .oneof(text, fc.integer(), fc.array(text, { minLength: 1, maxLength: 3 }))
    .map((value) => ({ 'anything-but': value })),
  text.map((value) => ({ 'anything-but': { prefix: value } })),
  numericMatcher.map((value) => ({ numeric: value })),
  fc.boolean().map((value) => ({ exists: value })),
  wildcardText.map((value) => ({ wildcard: value })),
  fc.constantFrom('10.0.0.0/8', '2001:db8::/32', '10.0.0.7/32').map((value) => ({ cidr: value })),
);

function patternArbitrary(depth: number, leaf: fc.Arbitrary<unknown> = matcher): fc.Arbitrary<Pattern> {
  const field: fc.Arbitrary<unknown> =
    depth <= 0
      ? fc.array(leaf, { minLength: 1, maxLength: 3 })
      : fc.oneof(
          { arbitrary: fc.array(leaf, { minLength: 1, maxLength: 3 }), weight: 3 },
          { arbitrary: patternArbitrary(depth - 1, leaf), weight: 1 },
        );
  const fields = fc
    .uniqueArray(fc.tuple(key, field), { selector: ([name]) => name, minLength: 1, maxLength: 3 })
    .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Pattern);
  if (depth <= 0) return fields;
  return fc.oneof(
    { arbitrary: fields, weight: 4 },
    {
      arbitrary: fc
        .tuple(fields, fc.array(patternArbitrary(depth - 1, leaf), { minLength: 2, maxLength: 3 }))
        .map(([base, alternatives]) => ({ ...base, $or: alternatives })),
      weight: 1,
    },
  );
}
const validPattern = patternArbitrary(2);

/** Valid patterns with one random part replaced by random JSON, plus random JSON itself. */
const anyPattern = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3 }),
  fc
    .tuple(
      validPattern,
      key,
      fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(
          [],
          {},
          [{}],
          [{ numeric: ['<', 1, '>', 0] }],
          [{ wildcard: 'a**' }],
          [{ cidr: '10.0.0.0/33' }],
          [{ 'anything-but': [] }],
          [1e10],
          [{ exists: 'yes' }],
          [{ prefix: 1 }],
        ),
      ),
    )
    .map(([pattern, name, replacement]) => ({ ...pattern, [name]: replacement })),
);

/** Own-property reader: EventBridge only sees the fields in the event's JSON. */
function own(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, name)
    ? (node as Record<string, unknown>)[name]
    : undefined;
}

describe('validatePattern and matches on random patterns', () => {
  it('accepts a pattern or throws InvalidEventPatternError; accepted patterns never throw on events (1,000 cases)', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(anyPattern, fc.array(anyJsonEvent, { maxLength: 3 }), (pattern, events) => {
        try {
          validatePattern(pattern);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidEventPatternError);
          expect((error as InvalidEventPatternError).code).toBe('INVALID_EVENT_PATTERN');
          refused++;
          return;
        }
        accepted++;
        for (const each of events) expect(typeof matches(pattern, each)).toBe('boolean');
      }),
      { numRuns },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('accepts every generated valid pattern and returns a boolean for any JSON event (1,000 cases)', () => {
    fc.assert(
      fc.property(validPattern, fc.array(anyJsonEvent, { minLength: 1, maxLength: 4 }), (pattern, events) => {
        validatePattern(pattern);
        for (const each of events) expect(typeof matches(pattern, each)).toBe('boolean');
      }),
      { numRuns },
    );
  });
});

/** Paths to present, non-empty leaves reachable through objects only (no arrays on the way). */
function leafPaths(node: Record<string, Json>, prefix: string[] = []): { path: string[]; value: Json }[] {
  const found: { path: string[]; value: Json }[] = [];
  for (const [name, value] of Object.entries(node)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      found.push(...leafPaths(value, [...prefix, name]));
    else {
      const scalars = Array.isArray(value)
        ? value.filter((element) => leaves(element).length === 1 && !Array.isArray(element))
        : [value];
      if (scalars.length > 0) found.push({ path: [...prefix, name], value: scalars });
    }
  }
  return found;
}

function patternAt(path: string[], leaf: unknown[]): Pattern {
  return path.reduceRight<Pattern>(
    (inner, name) => JSON.parse(JSON.stringify({ [name]: inner })) as Pattern,
    leaf as unknown as Pattern,
  );
}

describe('metamorphic properties of matches', () => {
  it('an exact pattern built from the event’s own values matches it (1,000 cases)', () => {
    fc.assert(
      fc.property(event, fc.nat(), (body, pick) => {
        const leaves = leafPaths(body);
        fc.pre(leaves.length > 0);
        const chosen = leaves.filter((_, index) => (pick >> index) % 2 === 0);
        const selection = chosen.length > 0 ? chosen : leaves.slice(0, 1);
        const pattern: Pattern = {};
        for (const { path, value } of selection) deepMerge(pattern, patternAt(path, value as Json[]));
        expect(matches(pattern, body), JSON.stringify({ pattern, body })).toBe(true);
      }),
      { numRuns },
    );
  });

  it('"anything-but" of a value is the complement of the exact value on a present scalar field (1,000 cases)', () => {
    fc.assert(
      fc.property(
        event,
        fc.oneof(
          fc.string({ maxLength: 6 }),
          fc.integer({ min: -1000, max: 1000 }),
          fc.constantFrom('FINISHED', 0, ''),
        ),
        fc.boolean(),
        (body, other, useOwnValue) => {
          const scalarLeaves = leafPaths(body).filter(
            ({ value }) =>
              Array.isArray(value) &&
              value.length === 1 &&
              (typeof value[0] === 'string' || typeof value[0] === 'number'),
          );
          fc.pre(scalarLeaves.length > 0);
          const [{ path, value: [value] = [] } = { path: [] }] = scalarLeaves as {
            path: string[];
            value: Json[];
          }[];
          const probe = useOwnValue ? (value as string | number) : other;
          const exact = matches(patternAt(path, [probe]), body);
          const anythingBut = matches(patternAt(path, [{ 'anything-but': probe }]), body);
          expect(anythingBut, JSON.stringify({ path, probe, value })).toBe(!exact);
        },
      ),
      { numRuns },
    );
  });

  it('"$or" of A and B matches exactly when A or B matches (1,000 cases)', () => {
    fc.assert(
      fc.property(patternArbitrary(1), patternArbitrary(1), event, (first, second, body) => {
        expect(matches({ $or: [first, second] }, body)).toBe(matches(first, body) || matches(second, body));
      }),
      { numRuns },
    );
  });

  it('exact and exists patterns agree with a reference matcher over own fields (1,000 cases)', () => {
    const exactLeaf = fc.oneof(
      scalar,
      fc.boolean().map((value) => ({ exists: value })),
    );
    fc.assert(
      fc.property(patternArbitrary(2, exactLeaf), event, (pattern, body) => {
        // Pattern keys named "__proto__" are covered by the known-bug case below.
        fc.pre(!JSON.stringify(pattern).includes('"__proto__"'));
        expect(matches(pattern, body), JSON.stringify({ pattern, body })).toBe(reference(pattern, body));
      }),
      { numRuns },
    );
  });

  // Found by the reference property above (bug list in RELIABILITY.md): compileEventPattern
  // reads event fields with `object?.[key]`, so a pattern field named "__proto__" that the event
  // does not have reads Object.prototype, and its own "__proto__" (null) matches `[null]`.
  // Expected: only the event's own JSON fields count, so these patterns do not match `{}`.
  it.each([
    ['{"__proto__":{"__proto__":[null]}}', {}],
    ['{"detail":{"__proto__":{"__proto__":[null]}}}', { detail: { state: 'FINISHED' } }],
  ])('pattern %s does not match an event without that field', (pattern, body) => {
    const parsed = JSON.parse(pattern) as Pattern;
    expect(reference(parsed, body)).toBe(false);
    expect(matches(parsed, body)).toBe(false);
  });
});

function deepMerge(target: Pattern, source: Pattern): void {
  for (const [name, value] of Object.entries(source)) {
    const existing = own(target, name);
    if (
      existing &&
      typeof existing === 'object' &&
      !Array.isArray(existing) &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      deepMerge(existing as Pattern, value as Pattern);
    } else {
      Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
    }
  }
}

function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? [value] : [];
}

function objects(value: unknown): object[] {
  if (Array.isArray(value)) return value.flatMap(objects);
  return typeof value === 'object' && value !== null ? [value] : [];
}

/** EventBridge semantics for exact values and exists, reading only the event's own fields. */
function reference(pattern: Pattern, node: unknown): boolean {
  for (const [name, rule] of Object.entries(pattern)) {
    if (name === '$or') continue;
    const value = own(node, name);
    if (Array.isArray(rule)) {
      const present = leaves(value);
      const ok = rule.some((item) => {
        if (typeof item === 'object' && item !== null)
          return (item as { exists: boolean }).exists === present.length > 0;
        return present.includes(item);
      });
      if (!ok) return false;
    } else {
      const candidates = objects(value);
      const ok =
        candidates.length === 0
          ? reference(rule as Pattern, undefined)
          : candidates.some((candidate) => reference(rule as Pattern, candidate));
      if (!ok) return false;
    }
  }
  const alternatives = own(pattern, '$or');
  return (
    alternatives === undefined ||
    (alternatives as Pattern[]).some((alternative) => reference(alternative, node))
  );
}
