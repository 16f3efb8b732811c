import type { DecodingOptions } from './decoding-options';
import { InvalidOptionError } from './errors';

/** Throws {@link InvalidOptionError} naming the setting when a decoding option has an unknown value. */
export function validateDecodingOptions(options: DecodingOptions): void {
  const allowed: Record<keyof DecodingOptions, readonly string[]> = {
    int8: ['number', 'numberWhenSafe', 'bigint'],
    numeric: ['string', 'number'],
    temporal: ['string', 'date'],
    super: ['json', 'string'],
  };
  for (const [key, values] of Object.entries(allowed)) {
    const value = options[key as keyof DecodingOptions];
    if (value !== undefined && !values.includes(value)) {
      throw new InvalidOptionError(
        `decoding.${key} is ${JSON.stringify(value)}; expected one of ${values.map((v) => `'${v}'`).join(', ')}`,
        `decoding.${key}`,
        value,
      );
    }
  }
}
