import { InvalidParameterError } from './errors';

/**
 * A value the Data API can bind as a parameter; it is sent as text formatted the way Redshift parses it.
 *
 * @example
 * ```ts
 * const parameters: Record<string, ParameterValue> = { vendor: 2, since: new Date('2024-01-01'), active: true };
 * ```
 */
export type ParameterValue = string | number | bigint | boolean | Date;

/**
 * A named Data API parameter as the service receives it.
 *
 * @example
 * ```ts
 * const parameter: SqlParameter = { name: 'vendor', value: '2' };
 * ```
 */
export interface SqlParameter {
  name: string;
  value: string;
}

/**
 * SQL text with named parameters (`:p1` …), as built by the {@link sql} tag.
 *
 * @example
 * ```ts
 * const statement: SqlStatement = { sql: 'select * from t where a = :p1', parameters: [{ name: 'p1', value: '42' }] };
 * ```
 */
export interface SqlStatement {
  readonly sql: string;
  readonly parameters: readonly SqlParameter[];
}

const parameterNamePattern = /^[0-9a-zA-Z_]+$/;

/**
 * Tagged template that turns interpolated values into named Data API parameters `:p1`, `:p2` …,
 * so values never become part of the SQL text. Values are formatted as Redshift parses them:
 * numbers and bigints in decimal, booleans as `true`/`false`, dates as UTC `YYYY-MM-DD HH:MM:SS.sss+00`.
 * `null`, `undefined`, `''`, `NaN`, `±Infinity` and invalid dates throw {@link InvalidParameterError}:
 * the Data API cannot bind them (write `NULL` or `''` in the SQL text instead).
 *
 * @example
 * ```ts
 * const statement = sql`select * from trips where vendor_id = ${2} and pickup_at >= ${new Date('2024-01-01')}`;
 * // statement.sql === 'select * from trips where vendor_id = :p1 and pickup_at >= :p2'
 * // statement.parameters === [{ name: 'p1', value: '2' }, { name: 'p2', value: '2024-01-01 00:00:00.000+00' }]
 * await data.query(statement);
 * ```
 */
export function sql(strings: TemplateStringsArray, ...values: ParameterValue[]): SqlStatement {
  let text = strings[0] ?? '';
  const parameters: SqlParameter[] = [];
  for (let index = 0; index < values.length; index++) {
    const name = `p${index + 1}`;
    parameters.push({ name, value: formatParameterValue(name, values[index]) });
    text += `:${name}${strings[index + 1] ?? ''}`;
  }
  return { sql: text, parameters };
}

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
          `parameter "${name}" is the empty string, which the Data API cannot bind; write '' in the SQL text instead`,
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
        `parameter "${name}" is undefined, which the Data API cannot bind; write NULL in the SQL text instead`,
        name,
        value,
      );
    case 'object':
      if (value === null) {
        throw new InvalidParameterError(
          `parameter "${name}" is null, which the Data API cannot bind; write NULL in the SQL text instead`,
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
