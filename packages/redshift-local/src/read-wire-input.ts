/**
 * Readers of a Data API request's members: each checks a member's JSON type (a wrong type is a
 * `SerializationException`, as the service answers) and, where the service constrains it, its
 * range (a `ValidationException` worded as the service words it).
 */
import type { SqlParameter } from './bind-parameters';
import { DataApiException } from './errors';

/** A request as it came over the wire: the members of its JSON body. */
export type WireInput = Record<string, unknown>;

/** An answer as it goes over the wire: the members of its JSON body. */
export type WireOutput = Record<string, unknown>;

/**
 * Reads an optional string member.
 *
 * @example
 * const token = optionalString(input, 'NextToken');
 */
export function optionalString(input: WireInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new DataApiException(
      'SerializationException',
      `${name} must be a string; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/**
 * Reads a string member that must be given and not empty.
 *
 * @example
 * const id = requiredString(input, 'Id');
 */
export function requiredString(input: WireInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value.length === 0) {
    throw new DataApiException(
      'ValidationException',
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/**
 * Reads an optional integer member within `minimum`..`maximum`.
 *
 * @example
 * const waitSeconds = optionalNumber(input, 'WaitTimeSeconds', 0, 30);
 */
export function optionalNumber(
  input: WireInput,
  name: string,
  minimum: number,
  maximum: number,
): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new DataApiException(
      'SerializationException',
      `${name} must be an integer; got ${JSON.stringify(value)}.`,
    );
  }
  if (value < minimum || value > maximum) {
    throw new DataApiException(
      'ValidationException',
      `1 validation error detected: Value ${value} at '${name}' failed to satisfy constraint: Member must be between ${minimum} and ${maximum}`,
    );
  }
  return value;
}

/**
 * Reads an optional boolean member.
 *
 * @example
 * const withEvent = optionalBoolean(input, 'WithEvent') ?? false;
 */
export function optionalBoolean(input: WireInput, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw new DataApiException(
      'SerializationException',
      `${name} must be a boolean; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/**
 * Reads the optional `Parameters` list; each item must be an object (its name and value are
 * checked by `validateParameters`).
 *
 * @example
 * const parameters = readParameters(input);
 */
export function readParameters(input: WireInput): SqlParameter[] | undefined {
  const value = input.Parameters;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new DataApiException(
      'SerializationException',
      `Parameters must be a list; got ${JSON.stringify(value)}.`,
    );
  }
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new DataApiException(
        'SerializationException',
        `Each parameter must be an object; got ${JSON.stringify(item)}.`,
      );
    }
    const record = item as Record<string, unknown>;
    return { name: record.name as string, value: record.value as string };
  });
}

/**
 * A timestamp as the wire carries it: epoch seconds (fractional) from epoch milliseconds.
 *
 * @example
 * const CreatedAt = wireSeconds(record.createdAt);
 */
export function wireSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}
