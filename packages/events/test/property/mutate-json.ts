/**
 * fast-check arbitraries for bad input: JSON values that are real fixtures with a few fields
 * deleted, replaced by other JSON values, or retyped. Shared by the property tests of events,
 * elt-runner and notifier (imported by relative path; test code only).
 */
import fc from 'fast-check';

type JsonPath = readonly (string | number)[];

function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const paths: JsonPath[] = prefix.length === 0 ? [] : [prefix];
  if (Array.isArray(value)) {
    value.forEach((element, index) => {
      paths.push(...pathsOf(element, [...prefix, index]));
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, element] of Object.entries(value)) paths.push(...pathsOf(element, [...prefix, key]));
  }
  return paths;
}

/** One change to a fixture; `value` is copied on insertion, so no two places share an object. */
export interface Mutation {
  readonly path: JsonPath;
  readonly kind: 'delete' | 'replace' | 'stringify' | 'add';
  readonly value: unknown;
  readonly key: string;
}

/**
 * Sets an own property, also for keys such as `__proto__` (as `JSON.parse` would), so a mutation
 * never changes an object's prototype.
 */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function applyMutation(root: unknown, mutation: Mutation): unknown {
  // fast-check hands out the same instance of a constant (`{}`, `[]`) to every mutation and every
  // run: inserting it by reference let a later `add` put an object inside itself (a cycle that broke
  // the `stringify` mutation) and let one run's changes leak into the next. Each insertion gets a copy.
  const value = structuredClone(mutation.value);
  if (mutation.path.length === 0) return value;
  let parent = root as Record<string | number, unknown>;
  for (const key of mutation.path.slice(0, -1)) {
    const next = parent[key];
    if (typeof next !== 'object' || next === null) return root;
    parent = next as Record<string | number, unknown>;
  }
  const last = mutation.path.at(-1) as string | number;
  if (!(last in parent)) return root;
  switch (mutation.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case 'replace':
      setOwn(parent, last, value);
      break;
    case 'stringify':
      setOwn(parent, last, JSON.stringify(parent[last]) ?? 'null');
      break;
    case 'add': {
      const target = parent[last];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        setOwn(target as Record<string, unknown>, mutation.key, value);
      } else {
        setOwn(parent, last, value);
      }
      break;
    }
  }
  return root;
}

/** Interesting replacement values: wrong types, edge strings, near-miss timestamps and ids. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    "'; DROP TABLE elt_run_log; --",
    '2026-02-30T10:00:00Z',
    '2026-11-30T24:00:00Z',
    '2026-11-30T16:00:00',
    '0000-01-01T00:00:00+01:00',
    '9999-12-31T23:59:59-01:00',
    'FINISHED ',
    'finished',
    '__proto__',
    '\u0000',
    'x'.repeat(5000),
    -1,
    1e308,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    {},
  ),
);

/**
 * A fixture with one to four random mutations (delete a field, replace it by a hostile value,
 * turn it into its JSON text, or add an unknown key).
 */
export function mutatedFrom(fixture: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(fixture);
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    path: paths.length === 0 ? fc.constant([]) : fc.constantFrom(...paths),
    kind: fc.constantFrom('delete', 'replace', 'stringify', 'add'),
    value: hostileValue,
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString')),
  });
  return fc
    .array(mutation, { minLength: 1, maxLength: 4 })
    .map((mutations) => applyMutations(fixture, mutations));
}

/** A copy of `fixture` with `mutations` applied in order; the fixture itself is never changed. */
export function applyMutations(fixture: unknown, mutations: readonly Mutation[]): unknown {
  return mutations.reduce<unknown>((value, each) => applyMutation(value, each), structuredClone(fixture));
}

/** Random JSON of any shape, mutated fixtures, and the fixtures themselves (so valid input is also seen). */
export function eventInput(fixtures: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 2 },
    { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 },
    { arbitrary: fc.constantFrom(...fixtures).map((fixture) => structuredClone(fixture)), weight: 1 },
    ...fixtures.map((fixture) => ({ arbitrary: mutatedFrom(fixture), weight: 3 })),
  );
}
