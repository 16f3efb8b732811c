/**
 * Data API `:name` parameters → PostgreSQL bind parameters ($1, $2, …). The SQL is read with the
 * dialect's tokenizer (`dialect/tokenize.ts`, the one place that knows Redshift's lexical rules), so
 * `:name` inside strings, quoted identifiers, comments and dollar-quoted bodies, and `::` casts, are
 * left alone. Values are bound, never pasted into the SQL.
 */
import { tokenize } from './dialect/tokenize';
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
const leadingName = /^[0-9a-zA-Z_]+/;

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
  // Without a `:` there is nothing to bind, and tokenizing is the cost of binding: skip it.
  if (parameters.size === 0 || !sql.includes(':')) return { sql, values: [], used };
  const positions = new Map<string, number>();
  const values: string[] = [];
  let output = '';
  let copied = 0;
  // An unterminated string, comment or body is not refused here: it runs to the end and holds no
  // placeholder, and the dialect or the engine reports it when the statement runs.
  for (const token of tokenize(sql, { allowUnterminated: true })) {
    if (token.type !== 'parameter' || token.text[0] !== ':') continue;
    // The tokenizer's `:name` may run on with `$` or non-ASCII letters; a Data API name is the
    // leading `[0-9a-zA-Z_]+` and the rest stays SQL text.
    const name = leadingName.exec(token.text.slice(1))?.[0];
    if (name === undefined) continue;
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
    output += `${sql.slice(copied, token.start)}$${position}`;
    copied = token.start + 1 + name.length;
  }
  output += sql.slice(copied);
  return { sql: output, values, used };
}
