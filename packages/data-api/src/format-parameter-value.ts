import { InvalidParameterError } from './errors';
import type { ParameterValue, SqlParameter } from './sql-statement';

const parameterNamePattern = /^[0-9a-zA-Z_]+$/;

/**
 * Formats one parameter value as the text the Data API sends to Redshift, or throws
 * {@link InvalidParameterError} naming the parameter when it cannot be bound.
 *
 * @example
 * ```ts
 * formatParameterValue('since', new Date(Date.UTC(2024, 0, 2, 3, 4, 5))); // '2024-01-02 03:04:05.000+00'
 * formatParameterValue('big', 9007199254740993n); // '9007199254740993'
 * ```
 */
export function formatParameterValue(name: string, value: unknown): string {
  switch (typeof value) {
    case 'string':
      if (value === '') {
        throw new InvalidParameterError(
          `parameter "${name}" is the empty string, which the Data API cannot bind; use the sql tag (it writes '' into the SQL text) or write '' in the SQL text`,
          name,
          value,
        );
      }
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new InvalidParameterError(
          `parameter "${name}" is ${value}, which Redshift cannot read as a number; pass a finite number`,
          name,
          value,
        );
      }
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      throw new InvalidParameterError(
        `parameter "${name}" is undefined, which the Data API cannot bind; use the sql tag (it writes NULL into the SQL text) or write NULL in the SQL text`,
        name,
        value,
      );
    case 'object':
      if (value === null) {
        throw new InvalidParameterError(
          `parameter "${name}" is null, which the Data API cannot bind; use the sql tag (it writes NULL into the SQL text) or write NULL in the SQL text`,
          name,
          value,
        );
      }
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) {
          throw new InvalidParameterError(`parameter "${name}" is an invalid Date`, name, value);
        }
        return formatTimestamp(value);
      }
      break;
    default:
      break;
  }
  throw new InvalidParameterError(
    `parameter "${name}" has unsupported type ${describeType(value)}; pass a string, number, bigint, boolean or Date`,
    name,
    value,
  );
}

/**
 * Turns named parameters (`{ vendor: 2 }` for `:vendor` in the SQL) into Data API parameters,
 * validating each name and value.
 *
 * @example
 * ```ts
 * toSqlParameters({ vendor: 2, active: true }); // [{ name: 'vendor', value: '2' }, { name: 'active', value: 'true' }]
 * ```
 */
export function toSqlParameters(parameters: Readonly<Record<string, ParameterValue>>): SqlParameter[] {
  const result: SqlParameter[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (!parameterNamePattern.test(name)) {
      throw new InvalidParameterError(
        `parameter name "${name}" is invalid; names may contain only letters, digits and _`,
        name,
        value,
      );
    }
    result.push({ name, value: formatParameterValue(name, value) });
  }
  return result;
}

function formatTimestamp(date: Date): string {
  const iso = date.toISOString();
  // toISOString gives YYYY-MM-DDTHH:MM:SS.sssZ (or ±YYYYYY-… outside years 0-9999, which Redshift rejects anyway).
  return `${iso.slice(0, -14)} ${iso.slice(-13, -1)}+00`;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}
