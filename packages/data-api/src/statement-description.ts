import type {
  DescribeStatementCommandOutput,
  StatementData,
  StatusString,
  SubStatementData,
} from '@aws-sdk/client-redshift-data';

/**
 * A statement's status: `SUBMITTED` → `PICKED` → `STARTED` → `FINISHED` | `FAILED` | `ABORTED`.
 *
 * @example
 * ```ts
 * const running: StatementStatus[] = ['SUBMITTED', 'PICKED', 'STARTED'];
 * ```
 */
export type StatementStatus = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';

/**
 * One statement of a batch, as `describe()` reports it; its id is `<batch id>:N`.
 *
 * @example
 * ```ts
 * const { subStatements } = await data.describe(batch.id);
 * for (const subStatement of subStatements) console.log(subStatement.id, subStatement.status, subStatement.resultRows);
 * ```
 */
export interface SubStatementDescription {
  id: string;
  status: StatementStatus | undefined;
  error?: string;
  /** Run time in milliseconds (the service reports nanoseconds); absent while running. */
  durationMs?: number;
  createdAt?: Date;
  updatedAt?: Date;
  queryString?: string;
  /** Rows returned or affected; absent when the service reports −1 (unknown). */
  resultRows?: number;
  hasResultSet: boolean;
}

/**
 * A statement as `describe()` and `wait()` report it, with units made plain
 * (milliseconds, `undefined` for the service's −1).
 *
 * @example
 * ```ts
 * const description = await data.describe(id);
 * if (description.status === 'FINISHED') console.log(`${description.resultRows} rows in ${description.durationMs} ms`);
 * ```
 */
export interface StatementDescription {
  id: string;
  status: StatementStatus | undefined;
  /** The service's error text when the status is FAILED. */
  error?: string;
  /** Run time in milliseconds (the service reports nanoseconds); absent while running. */
  durationMs?: number;
  createdAt: Date;
  updatedAt: Date;
  queryString?: string;
  /** Kept for symmetry with `StatementSummary`; `DescribeStatement` does not report it, so it is absent. */
  statementName?: string;
  /** Rows returned or affected; absent when the service reports −1 (unknown). */
  resultRows?: number;
  hasResultSet: boolean;
  resultFormat?: 'JSON' | 'CSV';
  subStatements: SubStatementDescription[];
  sessionId?: string;
  /** The service's response, unchanged. */
  raw: DescribeStatementCommandOutput;
}

/**
 * A statement as `listStatements()` reports it.
 *
 * @example
 * ```ts
 * for await (const statement of data.listStatements({ statementNamePrefix: 'nightly/' })) {
 *   console.log(statement.id, statement.status, statement.statementName);
 * }
 * ```
 */
export interface StatementSummary {
  id: string;
  status: StatementStatus | undefined;
  statementName?: string;
  queryString?: string;
  /** The SQL texts of a batch. */
  queryStrings?: string[];
  isBatchStatement: boolean;
  createdAt?: Date;
  updatedAt?: Date;
  sessionId?: string;
  resultFormat?: 'JSON' | 'CSV';
  /** The service's entry, unchanged. */
  raw: StatementData;
}

const statuses = new Set<string>(['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'FAILED', 'ABORTED']);

export function toStatus(status: StatusString | string | undefined): StatementStatus | undefined {
  return status !== undefined && statuses.has(status) ? (status as StatementStatus) : undefined;
}

export function toDurationMs(nanoseconds: number | undefined): number | undefined {
  return nanoseconds === undefined || nanoseconds < 0 ? undefined : nanoseconds / 1e6;
}

export function toCount(value: number | undefined): number | undefined {
  return value === undefined || value < 0 ? undefined : value;
}

function toResultFormat(value: string | undefined): 'JSON' | 'CSV' | undefined {
  return value === undefined ? undefined : value.toUpperCase() === 'CSV' ? 'CSV' : 'JSON';
}

/** Copies only the defined values, so optional properties are absent rather than `undefined`. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

function toSubStatementDescription(subStatement: SubStatementData): SubStatementDescription {
  return compact({
    id: subStatement.Id ?? '',
    status: toStatus(subStatement.Status),
    error: subStatement.Error,
    durationMs: toDurationMs(subStatement.Duration),
    createdAt: subStatement.CreatedAt,
    updatedAt: subStatement.UpdatedAt,
    queryString: subStatement.QueryString,
    resultRows: toCount(subStatement.ResultRows),
    hasResultSet: subStatement.HasResultSet === true,
  } as SubStatementDescription);
}

export function toStatementDescription(output: DescribeStatementCommandOutput): StatementDescription {
  const raw = output;
  return compact({
    id: output.Id ?? '',
    status: toStatus(output.Status),
    error: output.Error,
    durationMs: toDurationMs(output.Duration),
    createdAt: output.CreatedAt ?? new Date(0),
    updatedAt: output.UpdatedAt ?? output.CreatedAt ?? new Date(0),
    queryString: output.QueryString,
    resultRows: toCount(output.ResultRows),
    hasResultSet: output.HasResultSet === true,
    resultFormat: toResultFormat(output.ResultFormat),
    subStatements: (output.SubStatements ?? []).map(toSubStatementDescription),
    sessionId: output.SessionId,
    raw,
  } as StatementDescription);
}

export function toStatementSummary(statement: StatementData): StatementSummary {
  return compact({
    id: statement.Id ?? '',
    status: toStatus(statement.Status),
    statementName: statement.StatementName,
    queryString: statement.QueryString,
    queryStrings: statement.QueryStrings,
    isBatchStatement: statement.IsBatchStatement === true,
    createdAt: statement.CreatedAt,
    updatedAt: statement.UpdatedAt,
    sessionId: statement.SessionId,
    resultFormat: toResultFormat(statement.ResultFormat),
    raw: statement,
  } as StatementSummary);
}
