/**
 * Validation of ExecuteStatement and BatchExecuteStatement requests, with the service's limits:
 * SQL size and batch length, StatementName, ResultFormat, ExecutionMode, the session keep-alive
 * and wait, and parameters (each supplied one must be used).
 */
import { type BoundSql, bindParameters, type SqlParameter, validateParameters } from './bind-parameters';
import { DataApiException } from './errors';
import {
  optionalBoolean,
  optionalNumber,
  optionalString,
  readParameters,
  type WireInput,
} from './read-wire-input';

const maxSqlBytes = 100 * 1024;
const maxBatchStatements = 40;

/** A submission that passed validation. */
export interface Submission {
  sqls: string[];
  isBatch: boolean;
  statementName?: string | undefined;
  resultFormat: 'JSON' | 'CSV';
  executionMode?: 'TRANSACTION' | 'AUTO_COMMIT' | undefined;
  keepAlive?: number | undefined;
  waitSeconds?: number | undefined;
  withEvent: boolean;
  parameters?: SqlParameter[] | undefined;
  /** Each SQL with its parameters bound. */
  bound: BoundSql[];
}

/**
 * The `Sqls` of a BatchExecuteStatement: a list of 1 to 40 strings.
 *
 * @example
 * const sqls = readBatchSqls({ Sqls: ['create table t (a int)', 'insert into t values (1)'] });
 */
export function readBatchSqls(input: WireInput): string[] {
  const sqls = input.Sqls;
  if (!Array.isArray(sqls)) {
    throw new DataApiException(
      'ValidationException',
      `Sqls must be a list of 1 to ${maxBatchStatements} strings.`,
    );
  }
  if (sqls.length < 1 || sqls.length > maxBatchStatements) {
    throw new DataApiException(
      'ValidationException',
      `1 validation error detected: Value at 'sqls' failed to satisfy constraint: Member must have length between 1 and ${maxBatchStatements} (got ${sqls.length})`,
    );
  }
  for (const sql of sqls) {
    if (typeof sql !== 'string') {
      throw new DataApiException(
        'SerializationException',
        `Each of Sqls must be a string; got ${JSON.stringify(sql)}.`,
      );
    }
  }
  return sqls as string[];
}

/**
 * Validates the members of a submission of `sqls` (one, or a batch) and binds its parameters.
 *
 * @example
 * const submission = validateSubmission({ Sql: 'select :a', Parameters: [{ name: 'a', value: '1' }] }, ['select :a'], false);
 */
export function validateSubmission(input: WireInput, sqls: string[], isBatch: boolean): Submission {
  for (const sql of sqls) validateSql(sql);
  const statementName = optionalString(input, 'StatementName');
  if (statementName !== undefined && statementName.length > 2048) {
    throw new DataApiException(
      'ValidationException',
      `StatementName is ${statementName.length} characters; at most 2048 are allowed.`,
    );
  }
  const resultFormat = optionalString(input, 'ResultFormat') ?? 'JSON';
  if (resultFormat !== 'JSON' && resultFormat !== 'CSV') {
    throw new DataApiException(
      'ValidationException',
      `ResultFormat ${JSON.stringify(resultFormat)} must be JSON or CSV.`,
    );
  }
  const executionMode = isBatch ? (optionalString(input, 'ExecutionMode') ?? 'TRANSACTION') : undefined;
  if (executionMode !== undefined && executionMode !== 'TRANSACTION' && executionMode !== 'AUTO_COMMIT') {
    throw new DataApiException(
      'ValidationException',
      `ExecutionMode ${JSON.stringify(executionMode)} must be TRANSACTION or AUTO_COMMIT.`,
    );
  }
  const keepAlive = optionalNumber(input, 'SessionKeepAliveSeconds', 0, 86400);
  const waitSeconds = optionalNumber(input, 'WaitTimeSeconds', 0, 30);
  const withEvent = optionalBoolean(input, 'WithEvent') ?? false;
  const parameters = readParameters(input);
  const bound = bindAll(sqls, parameters);
  return {
    sqls,
    isBatch,
    statementName,
    resultFormat,
    executionMode,
    keepAlive,
    waitSeconds,
    withEvent,
    parameters,
    bound,
  };
}

function validateSql(sql: string): void {
  // The model's StatementString has no minimum length, and a whitespace-only Sql (a notebook's last
  // chunk) runs on the service as an empty query: only a missing or zero-length Sql is refused here.
  if (sql.length === 0) throw new DataApiException('ValidationException', 'Sql must not be empty.');
  if (Buffer.byteLength(sql) > maxSqlBytes) {
    throw new DataApiException(
      'ValidationException',
      `Sql is ${Buffer.byteLength(sql)} bytes; the Data API accepts at most ${maxSqlBytes} bytes (100 KB).`,
    );
  }
}

/** Binds the parameters into each SQL; a parameter no SQL uses is refused, as by the service. */
function bindAll(sqls: string[], parameters: SqlParameter[] | undefined): BoundSql[] {
  const values = validateParameters(parameters);
  const bound = sqls.map((sql) => bindParameters(sql, values));
  for (const name of values.keys()) {
    if (!bound.some((statement) => statement.used.has(name))) {
      throw new DataApiException(
        'ValidationException',
        `Parameter ${name} is not used in the SQL; every parameter supplied must be used.`,
      );
    }
  }
  return bound;
}
