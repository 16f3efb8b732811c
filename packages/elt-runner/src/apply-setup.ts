import { createHash } from 'node:crypto';
import {
  type RedshiftData,
  StatementAbortedError,
  type StatementDescription,
  StatementFailedError,
  StatementTimeoutError,
} from '@shiftflow/data-api';
import {
  SetupStatementFailedError,
  SetupStatementTooLargeError,
  SetupTimeoutError,
  SetupTooLargeError,
} from './errors';
import { SetupStatementNotTransactionalError } from './migration-errors';
import { nonTransactionalCommandOf } from './non-transactional-command';
import type { SetupFile } from './read-setup-files';
import { renderSetupSql, type SetupValues } from './render-setup-sql';
import { maxBatchStatements, maxStatementBytes } from './setup-limits';
import { splitSqlStatements } from './split-sql-statements';

/**
 * One rendered setup statement and where it came from.
 *
 * @example
 * ```ts
 * const statement: SetupStatement = { file: 'sql/setup/001_nyc_yellow_taxi.sql', number: 1, line: 6, sql: 'CREATE TABLE …' };
 * ```
 */
export interface SetupStatement {
  file: string;
  /** 1-based number of the statement within its file. */
  number: number;
  /** 1-based line of the file on which the statement starts (after placeholders are filled in). */
  line: number;
  sql: string;
}

/**
 * The rendered setup: every statement in order and a hash of them.
 *
 * @example
 * ```ts
 * const { statements, sqlHash }: SetupPlan = planSetup(files, values);
 * ```
 */
export interface SetupPlan {
  statements: SetupStatement[];
  /** SHA-256 (hex) of the rendered statements; changes whenever the applied SQL would change. */
  sqlHash: string;
}

/**
 * Renders and splits setup files, in order, into the statements one batch will run.
 *
 * @example
 * ```ts
 * const { statements, sqlHash } = planSetup(files, { sourceS3Uri, redshiftIamRoleArn });
 * ```
 */
export function planSetup(files: readonly SetupFile[], values: SetupValues): SetupPlan {
  const statements = files.flatMap((file) =>
    splitSqlStatements(renderSetupSql(file.sql, values, file.name), file.name).map((statement, index) => ({
      file: file.name,
      number: index + 1,
      line: statement.line,
      sql: statement.sql,
    })),
  );
  for (const statement of statements) {
    const command = nonTransactionalCommandOf(statement.sql);
    if (command !== undefined)
      throw new SetupStatementNotTransactionalError(statement.file, statement.line, command);
    const bytes = Buffer.byteLength(statement.sql);
    if (bytes > maxStatementBytes) {
      throw new SetupStatementTooLargeError(
        statement.file,
        statement.number,
        statement.line,
        bytes,
        maxStatementBytes,
      );
    }
  }
  if (statements.length > maxBatchStatements)
    throw new SetupTooLargeError(statements.length, maxBatchStatements);
  const hash = createHash('sha256');
  for (const statement of statements) hash.update(statement.sql).update('\n;\n');
  return { statements, sqlHash: hash.digest('hex') };
}

/**
 * Explains a FAILED or ABORTED setup batch: finds the failing sub-statement and names its file and statement.
 *
 * @example
 * ```ts
 * const description = await dataApi.describe(batchId);
 * if (description.status === 'FAILED') throw setupFailureOf(description, plan);
 * ```
 */
export function setupFailureOf(
  description: StatementDescription,
  plan: SetupPlan,
  cause?: unknown,
): SetupStatementFailedError {
  // The statement that FAILED is the culprit; the others of a failed transaction end ABORTED. Only
  // when none FAILED (a cancelled batch) is the first ABORTED one named.
  const failing =
    description.subStatements.find((statement) => statement.status === 'FAILED') ??
    description.subStatements.find((statement) => statement.status === 'ABORTED');
  const index =
    failing === undefined ? undefined : Number(failing.id.slice(failing.id.lastIndexOf(':') + 1)) - 1;
  const statement = index === undefined ? undefined : plan.statements[index];
  return new SetupStatementFailedError({
    statementId: description.id,
    ...(statement === undefined
      ? {}
      : {
          file: statement.file,
          statementNumber: statement.number,
          line: statement.line,
          sql: statement.sql,
        }),
    state: description.status ?? 'FAILED',
    serviceMessage: failing?.error ?? description.error ?? 'no error text',
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The Data API calls setup needs; `RedshiftData` of `@shiftflow/data-api` provides them.
 *
 * @example
 * ```ts
 * const dataApi: SetupDataApi = new RedshiftData({ target: dataApiTargetOf(config.target) });
 * ```
 */
export type SetupDataApi = Pick<RedshiftData, 'executeBatch' | 'wait' | 'describe' | 'cancel'>;

/**
 * Options of `applySetup`.
 *
 * @example
 * ```ts
 * const options: ApplySetupOptions = { dataApi, files: await readSetupFiles(root, config.setupFiles), values: config };
 * ```
 */
export interface ApplySetupOptions {
  dataApi: SetupDataApi;
  /** Setup files in the order they run. */
  files: readonly SetupFile[];
  values: SetupValues;
  /** Statement name of the batch. Defaults to `shiftflow-setup/<first 12 characters of the SQL hash>`. */
  statementName?: string;
  /** Give up waiting after this long. Defaults to 10 minutes. */
  timeoutMs?: number;
  /** First pause between status checks when the service answers at once (doubles up to 5 s). Defaults to 100 ms. */
  pollIntervalMs?: number;
}

/**
 * What `applySetup` returns.
 *
 * @example
 * ```ts
 * const { statementId, statementCount }: AppliedSetup = await applySetup({ dataApi, files, values });
 * ```
 */
export interface AppliedSetup {
  statementId: string;
  statementCount: number;
  sqlHash: string;
  durationMs: number | undefined;
}

/**
 * Renders the setup files, applies all their statements in order as one BatchExecuteStatement
 * transaction and waits for it (`RedshiftData.wait`). Throws `SetupStatementFailedError` naming the
 * file and statement on failure, `SetupTimeoutError` when it does not end in time (after cancelling it).
 * Applies every file, whatever was applied before; `applyMigrations` applies only the pending ones.
 *
 * @example
 * ```ts
 * await applySetup({ dataApi, files: await readSetupFiles(root, config.setupFiles), values: config });
 * ```
 */
export async function applySetup(options: ApplySetupOptions): Promise<AppliedSetup> {
  const plan = planSetup(options.files, options.values);
  const batch = await options.dataApi.executeBatch(
    plan.statements.map((statement) => statement.sql),
    { statementName: options.statementName ?? `shiftflow-setup/${plan.sqlHash.slice(0, 12)}` },
  );
  const timeoutMs = options.timeoutMs ?? 600_000;
  let description: StatementDescription;
  try {
    description = await options.dataApi.wait(batch.id, {
      timeoutMs,
      ...(options.pollIntervalMs === undefined ? {} : { initialDelayMs: options.pollIntervalMs }),
    });
  } catch (error) {
    if (error instanceof StatementTimeoutError) {
      // wait() cancels a statement that runs out of time (cancelOnTimeout defaults to true).
      throw new SetupTimeoutError(batch.id, timeoutMs, error.lastStatus, error, error.cancelled);
    }
    if (error instanceof StatementFailedError || error instanceof StatementAbortedError) {
      // wait() reports the batch; describe() names the failing sub-statement, and so the file.
      throw setupFailureOf(await options.dataApi.describe(batch.id), plan, error);
    }
    throw error;
  }
  return {
    statementId: batch.id,
    statementCount: plan.statements.length,
    sqlHash: plan.sqlHash,
    durationMs: description.durationMs,
  };
}
