/**
 * Data API `:name` parameters → PostgreSQL bind parameters ($1, $2, …). A token-aware scan:
 * `:name` inside strings, quoted identifiers, comments and dollar-quoted bodies, and `::` casts,
 * are left alone. Values are bound, never pasted into the SQL.
 */
import { DataApiException } from './errors';

/** A Data API parameter as it arrives on the wire. */
export interface SqlParameter {
  name: string;
  value: string;
}

/** SQL with `$n` placeholders, its values in order, and the parameter names it used. */
export interface BoundSql {
  sql: string;
  values: string[];
  used: Set<string>;
}

const parameterName = /^[0-9a-zA-Z_]+$/;
const nameCharacter = /[0-9a-zA-Z_]/;

/**
 * Validates parameters with the Data API's rules (name pattern, non-empty string value, unique names).
 *
 * @example
 * validateParameters([{ name: 'id', value: '1' }]); // returns a Map id → '1'
 */
export function validateParameters(parameters: readonly SqlParameter[] | undefined): Map<string, string> {
  const byName = new Map<string, string>();
  for (const parameter of parameters ?? []) {
    if (typeof parameter?.name !== 'string' || !parameterName.test(parameter.name)) {
      throw new DataApiException(
        'ValidationException',
        `Parameter name ${JSON.stringify(parameter?.name)} must match ${parameterName.source}.`,
      );
    }
    if (typeof parameter.value !== 'string' || parameter.value.length === 0) {
      throw new DataApiException(
        'ValidationException',
        `Parameter ${parameter.name} has value ${JSON.stringify(parameter.value)}; the value must be a non-empty string.`,
      );
    }
    if (byName.has(parameter.name)) {
      throw new DataApiException(
        'ValidationException',
        `Parameter ${parameter.name} is given more than once.`,
      );
    }
    byName.set(parameter.name, parameter.value);
  }
  return byName;
}

function skipQuoted(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) index += 2;
      else return index + 1;
    } else if (quote === "'" && sql[index] === '\\' && /[eE]/.test(sql[start - 1] ?? '')) {
      index += 2;
    } else index++;
  }
  return sql.length;
}

/**
 * Replaces `:name` references with `$n` bind placeholders; throws ValidationException naming a
 * referenced parameter that was not supplied. With no parameters the SQL is returned unchanged.
 *
 * @example
 * bindParameters('select * from t where a = :a and b = \':a\'', new Map([['a', '1']]));
 * // { sql: "select * from t where a = $1 and b = ':a'", values: ['1'], used: Set { 'a' } }
 */
export function bindParameters(sql: string, parameters: ReadonlyMap<string, string>): BoundSql {
  const used = new Set<string>();
  if (parameters.size === 0) return { sql, values: [], used };
  const positions = new Map<string, number>();
  const values: string[] = [];
  let output = '';
  let index = 0;
  let copied = 0;
  while (index < sql.length) {
    const character = sql[index]!;
    const next = sql[index + 1];
    if (character === "'" || character === '"') {
      index = skipQuoted(sql, index, character);
    } else if (character === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end + 1;
    } else if (character === '/' && next === '*') {
      let depth = 1;
      index += 2;
      while (index < sql.length && depth > 0) {
        if (sql[index] === '/' && sql[index + 1] === '*') {
          depth++;
          index += 2;
        } else if (sql[index] === '*' && sql[index + 1] === '/') {
          depth--;
          index += 2;
        } else index++;
      }
    } else if (character === '$' && !nameCharacter.test(sql[index - 1] ?? ' ')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index));
      if (tag === null) index++;
      else {
        const end = sql.indexOf(tag[0], index + tag[0].length);
        index = end < 0 ? sql.length : end + tag[0].length;
      }
    } else if (character === ':' && next === ':') {
      index += 2;
    } else if (character === ':' && next !== undefined && nameCharacter.test(next)) {
      let end = index + 1;
      while (end < sql.length && nameCharacter.test(sql[end]!)) end++;
      const name = sql.slice(index + 1, end);
      const value = parameters.get(name);
      if (value === undefined) {
        throw new DataApiException(
          'ValidationException',
          `The SQL refers to parameter :${name}, which is not in Parameters.`,
        );
      }
      let position = positions.get(name);
      if (position === undefined) {
        values.push(value);
        position = values.length;
        positions.set(name, position);
      }
      used.add(name);
      output += `${sql.slice(copied, index)}$${position}`;
      copied = end;
      index = end;
    } else index++;
  }
  output += sql.slice(copied);
  return { sql: output, values, used };
}
