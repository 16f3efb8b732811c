import { compileEventPattern } from './compile-event-pattern';

/**
 * Checks that a value is an event pattern EventBridge accepts.
 *
 * @throws InvalidEventPatternError naming the bad part of the pattern.
 *
 * @example
 * ```ts
 * validatePattern({ detail: { state: [{ 'anything-but': 'FINISHED' }] } }); // ok
 * validatePattern({ detail: { state: 'FINISHED' } }); // throws: must be an array of match values or an object
 * ```
 */
export function validatePattern(pattern: unknown): void {
  compileEventPattern(pattern);
}
