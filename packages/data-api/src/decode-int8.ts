import type { DecodingOptions } from './decoding-options';
import type { DecodingFailure } from './text-decoder';

const beyondSafe =
  "beyond ±(2^53 − 1), more than a JavaScript number holds exactly; pass decoding: { int8: 'bigint' } " +
  "(exact with resultFormat: 'CSV'; JSON results carry int8 as a JSON number, already rounded there)";

/**
 * Decodes an `int8` value, from a JSON-format Field (`longValue`, a number) or from text (a bigint):
 * `'number'` (the default) gives a number, and a {@link DecodingError} beyond the safe range rather than a
 * rounded number; `'numberWhenSafe'` gives a bigint there instead; `'bigint'` always gives a bigint.
 */
export function decodeInt8(
  value: number | bigint,
  mode: DecodingOptions['int8'],
  fail: DecodingFailure,
): number | bigint {
  if (mode === 'bigint') return typeof value === 'bigint' ? value : BigInt(value);
  const number = Number(value);
  if (Number.isSafeInteger(number)) return number;
  if (mode === 'numberWhenSafe') return typeof value === 'bigint' ? value : BigInt(value);
  // A bigint is shown as its decimal text: DecodingError's message writes the value as JSON.
  return fail(typeof value === 'bigint' ? value.toString() : value, beyondSafe);
}
