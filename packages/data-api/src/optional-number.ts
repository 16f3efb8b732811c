import { InvalidOptionError } from './errors';

/** Returns `value` when it is undefined or a finite number from `min` to `max`; otherwise throws {@link InvalidOptionError} naming the option. */
export function optionalNumber(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidOptionError(
      `${name} is ${String(value)}; expected a number from ${min} to ${max}`,
      name,
      value,
    );
  }
  return value;
}
