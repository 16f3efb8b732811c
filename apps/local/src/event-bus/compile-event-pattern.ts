import { BlockList, isIP } from 'node:net';
import { InvalidEventPatternError } from './errors';

/** A scalar found at a leaf of an event. */
type LeafValue = string | number | boolean | null;
type ValueTest = (value: LeafValue) => boolean;

interface LeafRule {
  readonly kind: 'leaf';
  readonly tests: ValueTest[];
  readonly existsTrue: boolean;
  readonly existsFalse: boolean;
}

interface NestedRule {
  readonly kind: 'nested';
  readonly pattern: CompiledEventPattern;
}

/** A validated event pattern, ready to test events with {@link CompiledEventPattern.matches}. */
export interface CompiledEventPattern {
  /** The pattern as given. */
  readonly source: unknown;
  /** Whether the event (or the sub-object at this level) matches. */
  matches(event: unknown): boolean;
}

const numericLimit = 5e9;
const lowerOperators = new Set(['>', '>=']);
const upperOperators = new Set(['<', '<=']);

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function foldCase(value: string): string {
  return value.toUpperCase().toLowerCase();
}

/** Collects the scalars at a field, looking into nested arrays; objects are not leaves. */
function leafValues(value: unknown, into: LeafValue[] = []): LeafValue[] {
  if (Array.isArray(value)) {
    for (const element of value) leafValues(element, into);
  } else if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    into.push(value);
  }
  return into;
}

/** Collects the objects at a field, looking into nested arrays. */
function objectValues(value: unknown, into: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) {
    for (const element of value) objectValues(element, into);
  } else if (isPlainObject(value)) {
    into.push(value);
  }
  return into;
}

class PatternCompiler {
  readonly #root: unknown;

  constructor(root: unknown) {
    this.#root = root;
  }

  fail(path: string, reason: string): never {
    throw new InvalidEventPatternError(this.#root, path, reason);
  }

  string(value: unknown, path: string, what: string): string {
    if (typeof value !== 'string') this.fail(path, `${what} needs a string, got ${describe(value)}`);
    return value;
  }

  compileObject(pattern: unknown, path: string): CompiledEventPattern {
    if (!isPlainObject(pattern)) this.fail(path, `must be a JSON object, got ${describe(pattern)}`);
    const entries = Object.entries(pattern);
    if (entries.length === 0) this.fail(path, 'is an empty object; give at least one field');
    const fields: [string, LeafRule | NestedRule][] = [];
    let alternatives: CompiledEventPattern[] | undefined;
    for (const [key, value] of entries) {
      const fieldPath = joinPath(path, key);
      if (key === '$or') {
        if (!Array.isArray(value) || value.length < 2) {
          this.fail(fieldPath, `needs an array of at least two patterns, got ${describe(value)}`);
        }
        alternatives = value.map((branch, index) => this.compileObject(branch, `${fieldPath}[${index}]`));
      } else if (Array.isArray(value)) {
        fields.push([key, this.compileLeaf(value, fieldPath)]);
      } else if (isPlainObject(value)) {
        fields.push([key, { kind: 'nested', pattern: this.compileObject(value, fieldPath) }]);
      } else {
        this.fail(fieldPath, `must be an array of match values or an object, got ${describe(value)}`);
      }
    }
    return {
      source: pattern,
      matches(node: unknown): boolean {
        const object = isPlainObject(node) ? node : undefined;
        for (const [key, rule] of fields) {
          // Only the event's own fields count: a missing field must not read Object.prototype.
          const value = object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
          if (rule.kind === 'leaf') {
            const values = leafValues(value);
            if (values.length === 0) {
              if (!rule.existsFalse) return false;
            } else if (!rule.existsTrue && !values.some((leaf) => rule.tests.some((test) => test(leaf)))) {
              return false;
            }
          } else {
            const candidates = objectValues(value);
            const matched =
              candidates.length === 0
                ? rule.pattern.matches(undefined)
                : candidates.some((candidate) => rule.pattern.matches(candidate));
            if (!matched) return false;
          }
        }
        return alternatives === undefined || alternatives.some((alternative) => alternative.matches(object));
      },
    };
  }

  compileLeaf(values: unknown[], path: string): LeafRule {
    if (values.length === 0) this.fail(path, 'is an empty array; give at least one match value');
    const tests: ValueTest[] = [];
    let existsTrue = false;
    let existsFalse = false;
    values.forEach((value, index) => {
      const valuePath = `${path}[${index}]`;
      if (value === null || typeof value === 'string' || typeof value === 'boolean') {
        tests.push((leaf) => leaf === value);
      } else if (typeof value === 'number') {
        if (!Number.isFinite(value))
          this.fail(valuePath, `has a number that is not finite: ${describe(value)}`);
        tests.push((leaf) => leaf === value);
      } else if (isPlainObject(value)) {
        const keys = Object.keys(value);
        if (keys.length !== 1) {
          this.fail(valuePath, `must have exactly one matcher key, got ${describe(value)}`);
        }
        const [matcher = ''] = keys;
        const argument = value[matcher];
        if (matcher === 'exists') {
          if (typeof argument !== 'boolean')
            this.fail(valuePath, `"exists" needs true or false, got ${describe(argument)}`);
          if (argument) existsTrue = true;
          else existsFalse = true;
        } else {
          tests.push(this.compileMatcher(matcher, argument, valuePath));
        }
      } else {
        this.fail(
          valuePath,
          `must be a string, number, boolean, null or matcher object, got ${describe(value)}`,
        );
      }
    });
    return { kind: 'leaf', tests, existsTrue, existsFalse };
  }

  compileMatcher(matcher: string, argument: unknown, path: string): ValueTest {
    switch (matcher) {
      case 'prefix':
      case 'suffix': {
        const test =
          matcher === 'prefix'
            ? (value: string, affix: string) => value.startsWith(affix)
            : (value: string, affix: string) => value.endsWith(affix);
        if (isPlainObject(argument)) {
          const keys = Object.keys(argument);
          if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
            this.fail(
              path,
              `"${matcher}" takes a string or {"equals-ignore-case": string}, got ${describe(argument)}`,
            );
          }
          const affix = foldCase(
            this.string(argument['equals-ignore-case'], path, `"${matcher}" equals-ignore-case`),
          );
          return (leaf) => typeof leaf === 'string' && test(foldCase(leaf), affix);
        }
        const affix = this.string(argument, path, `"${matcher}"`);
        return (leaf) => typeof leaf === 'string' && test(leaf, affix);
      }
      case 'equals-ignore-case': {
        const expected = foldCase(this.string(argument, path, '"equals-ignore-case"'));
        return (leaf) => typeof leaf === 'string' && foldCase(leaf) === expected;
      }
      case 'wildcard': {
        const expression = this.wildcard(argument, path);
        return (leaf) => typeof leaf === 'string' && expression.test(leaf);
      }
      case 'numeric':
        return this.numeric(argument, path);
      case 'cidr':
        return this.cidr(argument, path);
      case 'anything-but': {
        const excluded = this.anythingBut(argument, path);
        return (leaf) => !excluded(leaf);
      }
      default:
        return this.fail(
          path,
          `has unknown matcher "${matcher}"; use prefix, suffix, equals-ignore-case, anything-but, numeric, exists, cidr or wildcard`,
        );
    }
  }

  /** Returns the test for the values that anything-but excludes. */
  anythingBut(argument: unknown, path: string): ValueTest {
    if (typeof argument === 'string' || typeof argument === 'number') {
      return (leaf) => leaf === argument;
    }
    if (Array.isArray(argument)) {
      if (argument.length === 0) this.fail(path, '"anything-but" list is empty');
      const allStrings = argument.every((item) => typeof item === 'string');
      const allNumbers = argument.every((item) => typeof item === 'number');
      if (!allStrings && !allNumbers) {
        this.fail(path, `"anything-but" list must be all strings or all numbers, got ${describe(argument)}`);
      }
      const excluded = new Set<unknown>(argument);
      return (leaf) => excluded.has(leaf);
    }
    if (isPlainObject(argument)) {
      const keys = Object.keys(argument);
      const [inner = ''] = keys;
      if (keys.length !== 1)
        this.fail(path, `"anything-but" object takes one key, got ${describe(argument)}`);
      const value = argument[inner];
      if (inner === 'prefix' || inner === 'suffix') {
        const affix = this.string(value, path, `"anything-but" ${inner}`);
        return inner === 'prefix'
          ? (leaf) => typeof leaf === 'string' && leaf.startsWith(affix)
          : (leaf) => typeof leaf === 'string' && leaf.endsWith(affix);
      }
      if (inner === 'equals-ignore-case' || inner === 'wildcard') {
        const list = Array.isArray(value) ? value : [value];
        if (list.length === 0) this.fail(path, `"anything-but" ${inner} list is empty`);
        if (inner === 'equals-ignore-case') {
          const excluded = new Set(
            list.map((item) => foldCase(this.string(item, path, '"anything-but" equals-ignore-case'))),
          );
          return (leaf) => typeof leaf === 'string' && excluded.has(foldCase(leaf));
        }
        const expressions = list.map((item) => this.wildcard(item, path));
        return (leaf) => typeof leaf === 'string' && expressions.some((expression) => expression.test(leaf));
      }
      this.fail(
        path,
        `"anything-but" object takes prefix, suffix, equals-ignore-case or wildcard, got ${describe(argument)}`,
      );
    }
    return this.fail(
      path,
      `"anything-but" takes a string, number, list or object, got ${describe(argument)}`,
    );
  }

  wildcard(argument: unknown, path: string): RegExp {
    const text = this.string(argument, path, '"wildcard"');
    let source = '';
    for (let index = 0; index < text.length; index++) {
      const character = text[index] ?? '';
      if (character === '\\') {
        const next = text[index + 1];
        if (next !== '*' && next !== '\\') {
          this.fail(path, `"wildcard" ${describe(text)} has "\\" not followed by "*" or "\\"`);
        }
        source += `\\${next}`;
        index++;
      } else if (character === '*') {
        if (text[index + 1] === '*') this.fail(path, `"wildcard" ${describe(text)} has consecutive "**"`);
        source += '.*';
      } else {
        source += character.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      }
    }
    return new RegExp(`^${source}$`, 's');
  }

  numeric(argument: unknown, path: string): ValueTest {
    if (!Array.isArray(argument) || (argument.length !== 2 && argument.length !== 4)) {
      this.fail(
        path,
        `"numeric" needs [operator, number] or [lower operator, number, upper operator, number], got ${describe(argument)}`,
      );
    }
    const conditions: [string, number][] = [];
    for (let index = 0; index < argument.length; index += 2) {
      const operator = argument[index];
      const bound = argument[index + 1];
      if (typeof operator !== 'string' || !['=', '<', '<=', '>', '>='].includes(operator)) {
        this.fail(path, `"numeric" has unknown operator ${describe(operator)}; use =, <, <=, > or >=`);
      }
      if (typeof bound !== 'number' || !Number.isFinite(bound)) {
        this.fail(path, `"numeric" needs a number after "${operator}", got ${describe(bound)}`);
      }
      if (bound < -numericLimit || bound > numericLimit) {
        this.fail(path, `"numeric" value ${bound} is outside -5.0e9 to 5.0e9`);
      }
      conditions.push([operator, bound]);
    }
    const [first, second] = conditions;
    if (second) {
      if (!first || !lowerOperators.has(first[0]) || !upperOperators.has(second[0])) {
        this.fail(
          path,
          `"numeric" range must be a lower bound (>, >=) then an upper bound (<, <=), got ${describe(argument)}`,
        );
      }
      if (first[1] >= second[1]) {
        this.fail(
          path,
          `"numeric" range ${describe(argument)} is empty: the lower bound is not below the upper bound`,
        );
      }
    }
    return (leaf) =>
      typeof leaf === 'number' &&
      conditions.every(([operator, bound]) => {
        switch (operator) {
          case '=':
            return leaf === bound;
          case '<':
            return leaf < bound;
          case '<=':
            return leaf <= bound;
          case '>':
            return leaf > bound;
          default:
            return leaf >= bound;
        }
      });
  }

  cidr(argument: unknown, path: string): ValueTest {
    const text = this.string(argument, path, '"cidr"');
    const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
    const address = match?.[1] ?? '';
    const version = isIP(address);
    const prefix = Number(match?.[2]);
    if (!match || version === 0 || prefix > (version === 4 ? 32 : 128)) {
      this.fail(
        path,
        `"cidr" ${describe(text)} is not an IPv4 or IPv6 block such as "10.0.0.0/24" or "2001:db8::/32"`,
      );
    }
    const type = version === 4 ? 'ipv4' : 'ipv6';
    const block = new BlockList();
    block.addSubnet(address, prefix, type);
    return (leaf) => typeof leaf === 'string' && isIP(leaf) === version && block.check(leaf, type);
  }
}

/**
 * Validates an EventBridge event pattern and compiles it into a matcher.
 *
 * @throws InvalidEventPatternError naming the bad part of the pattern.
 *
 * @example
 * ```ts
 * const pattern = compileEventPattern({ source: ['aws.redshift-data'], detail: { state: ['FINISHED', 'FAILED'] } });
 * pattern.matches(event); // true or false
 * ```
 */
export function compileEventPattern(pattern: unknown): CompiledEventPattern {
  return new PatternCompiler(pattern).compileObject(pattern, '');
}
