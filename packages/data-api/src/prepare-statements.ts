import { InvalidOptionError, InvalidParameterError } from './errors';
import { toSqlParameters } from './format-parameter-value';
import type { ParameterValue, SqlParameter, SqlStatement } from './sql-statement';

/**
 * Checks each statement (a non-empty string or a `sql` tagged statement) and merges the parameters of all
 * statements with the named ones; one name must mean one value across them.
 */
export function prepareStatements(
  statements: readonly (string | SqlStatement)[],
  named: Readonly<Record<string, ParameterValue>> | undefined,
): { sql: string[]; parameters: SqlParameter[] | undefined } {
  const byName = new Map<string, string>();
  const add = (parameter: SqlParameter): void => {
    const existing = byName.get(parameter.name);
    if (existing !== undefined && existing !== parameter.value) {
      throw new InvalidParameterError(
        `parameter "${parameter.name}" is given twice with different values ("${existing}" and "${parameter.value}"); ` +
          'in a batch, pass differing values under distinct names in options.parameters',
        parameter.name,
        parameter.value,
      );
    }
    byName.set(parameter.name, parameter.value);
  };
  const sql = statements.map((statement, index) => {
    if (typeof statement === 'string') {
      if (statement.trim() === '') {
        throw new InvalidOptionError(`SQL statement ${index + 1} is empty`, 'sql', statement);
      }
      return statement;
    }
    if (typeof statement !== 'object' || statement === null || typeof statement.sql !== 'string') {
      throw new InvalidOptionError(
        `SQL statement ${index + 1} is neither a string nor a sql\`…\` statement`,
        'sql',
        statement,
      );
    }
    if (statement.sql.trim() === '')
      throw new InvalidOptionError(`SQL statement ${index + 1} is empty`, 'sql', statement);
    for (const parameter of statement.parameters) add(parameter);
    return statement.sql;
  });
  if (named !== undefined) for (const parameter of toSqlParameters(named)) add(parameter);
  return {
    sql,
    parameters: byName.size === 0 ? undefined : [...byName].map(([name, value]) => ({ name, value })),
  };
}
