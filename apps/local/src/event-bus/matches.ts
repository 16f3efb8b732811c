import { type CompiledEventPattern, compileEventPattern } from './compile-event-pattern';

const compiled = new WeakMap<object, CompiledEventPattern>();

/**
 * Whether an event matches an EventBridge event pattern, with EventBridge's semantics.
 * Patterns are compiled once per pattern object.
 *
 * @throws InvalidEventPatternError when the pattern is not valid.
 *
 * @example
 * ```ts
 * matches({ source: [{ prefix: 'aws.' }] }, { source: 'aws.redshift-data' }); // true
 * ```
 */
export function matches(pattern: unknown, event: unknown): boolean {
  if (typeof pattern !== 'object' || pattern === null) return compileEventPattern(pattern).matches(event);
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = compileEventPattern(pattern);
    compiled.set(pattern, matcher);
  }
  return matcher.matches(event);
}
