import {
  type RedshiftData,
  StatementAbortedError,
  StatementFailedError,
  StatementTimeoutError,
} from '@shiftflow/data-api';
import { planSetup, type SetupPlan, setupFailureOf } from './apply-setup';
import { SetupTimeoutError, SetupTooLargeError } from './errors';
import { type ActiveRunWait, waitForNoActiveRun } from './find-active-run';
import { SetupRunActiveError } from './migration-errors';
import { ledgerInsertSql, migrationsLedgerTable, readMigrationsLedger } from './migrations-ledger';
import { type MigrationPlan, type PendingMigration, planMigrations } from './plan-migrations';
import type { SetupFile } from './read-setup-files';
import type { SetupValues } from './render-setup-sql';
import { maxBatchStatements } from './setup-limits';

/**
 * The Data API calls migrations need; `RedshiftData` of `@shiftflow/data-api` provides them.
 *
 * @example
 * ```ts
 * const dataApi: MigrationsDataApi = new RedshiftData({ target: dataApiTargetOf(config.target) });
 * ```
 */
export type MigrationsDataApi = Pick<
  RedshiftData,
  'query' | 'executeBatch' | 'wait' | 'describe' | 'cancel' | 'listStatements'
>;

/**
 * Options of {@link submitMigrations} and {@link applyMigrations}.
 *
 * @example
 * ```ts
 * const options: SubmitMigrationsOptions = { dataApi, pipelineName: 'nyc-taxi', files, values, appliedBy: 'shiftflow local' };
 * ```
 */
export interface SubmitMigrationsOptions {
  dataApi: MigrationsDataApi;
  /** The pipeline whose ELT runs (statements named `<pipeline>/…`) setup waits for. */
  pipelineName: string;
  /** The configured setup files, in order. */
  files: readonly SetupFile[];
  values: SetupValues;
  /** Recorded in the ledger's `applied_by`: who applied, and with which version. */
  appliedBy: string;
  /** See `PlanMigrationsOptions.neverReapplyOlder`: the deploy sets it on Update (a rollback is an Update). */
  neverReapplyOlder?: boolean;
  /** Apply every file again (still refusing a changed migration). */
  reapplyAll?: boolean;
  /** How long to wait for an active ELT run to end. Defaults to 2 minutes, polling every 5 s. */
  activeRunWait?: ActiveRunWait;
  /**
   * When a run is still active after the wait: `fail` at once (the default), or `fail-if-pending`: read the
   * ledger anyway and fail only if something is to be applied, so a deploy with nothing to apply (a rollback
   * to what is applied) succeeds. Not for the local PGlite engine, whose one connection would make the
   * ledger read wait for the run.
   */
  whenRunActive?: 'fail' | 'fail-if-pending';
}

/**
 * A submitted (or empty) migrations batch.
 *
 * @example
 * ```ts
 * const { batchId, applied, plan } = await submitMigrations(options);
 * ```
 */
export interface SubmittedMigrations {
  /** Undefined when nothing was pending: no batch was submitted. */
  batchId: string | undefined;
  /** The files the batch applies, in order. */
  applied: PendingMigration[];
  /** What was planned, with the notes for the log. */
  plan: MigrationPlan;
  /** The batch's statements (the ledger INSERT last), to name a failing one. */
  setupPlan: SetupPlan | undefined;
}

/**
 * The batch that applies `pending`: their statements in order, then the ledger INSERT, all in one
 * BatchExecuteStatement, which the Data API runs as one transaction: "The SQL statements are run as a single
 * transaction. They run serially in the order of the array. … If any SQL statement fails, then because they
 * are run as one transaction, all work is rolled back."
 * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_BatchExecuteStatement.html, `Sqls`).
 * So a file and its ledger row commit together or not at all. A statement Redshift refuses inside a
 * transaction block (VACUUM, CREATE DATABASE, ALTER TABLE APPEND, …) cannot be a setup statement (`planSetup`
 * refuses it up front: SetupStatementNotTransactionalError); the
 * repository's files use CREATE TABLE, CREATE/DROP MATERIALIZED VIEW (no AUTO REFRESH) and CREATE PROCEDURE.
 *
 * @example
 * ```ts
 * const plan = migrationsBatchOf(pending, values, 1, 'shiftflow local');
 * ```
 */
export function migrationsBatchOf(
  pending: readonly PendingMigration[],
  values: SetupValues,
  firstRank: number,
  appliedBy: string,
): SetupPlan {
  const setupPlan = planSetup(
    pending.map((migration) => migration.file),
    values,
  );
  const insert = ledgerInsertSql(
    pending.map((migration) => ({
      file: migration.file.name,
      kind: migration.kind,
      checksum: migration.checksum,
    })),
    firstRank,
    appliedBy,
  );
  const statements = [
    ...setupPlan.statements,
    { file: `ledger ${migrationsLedgerTable}`, number: 1, line: 1, sql: insert },
  ];
  if (statements.length > maxBatchStatements)
    throw new SetupTooLargeError(statements.length, maxBatchStatements);
  return { statements, sqlHash: setupPlan.sqlHash };
}

/**
 * Waits (bounded) until no ELT run of the pipeline is active, plans the migrations from the ledger (created
 * when missing) and submits the pending ones as one batch without waiting for it. The deploy's
 * `onEvent` uses it alone (the provider's `isComplete` polls the batch); {@link applyMigrations} also waits.
 *
 * @throws SetupMigrationChangedError for a changed applied migration, SetupRunActiveError for a run still active.
 * @example
 * ```ts
 * const submitted = await submitMigrations({ dataApi, pipelineName, files, values, appliedBy });
 * ```
 */
export async function submitMigrations(options: SubmitMigrationsOptions): Promise<SubmittedMigrations> {
  const statementName = `shiftflow-setup/${options.pipelineName}`;
  // Runs first: on a single-connection engine (the local PGlite) the ledger read would queue behind the run.
  let busy: SetupRunActiveError | undefined;
  try {
    await waitForNoActiveRun(
      options.dataApi,
      options.pipelineName,
      options.activeRunWait ?? { timeoutMs: 120_000 },
    );
  } catch (error) {
    if (!(error instanceof SetupRunActiveError) || options.whenRunActive !== 'fail-if-pending') throw error;
    busy = error;
  }
  const ledger = await readMigrationsLedger(options.dataApi, { statementName: `${statementName}/ledger` });
  const plan = planMigrations({
    files: options.files,
    values: options.values,
    ledger,
    ...(options.neverReapplyOlder === undefined ? {} : { neverReapplyOlder: options.neverReapplyOlder }),
    ...(options.reapplyAll === undefined ? {} : { reapplyAll: options.reapplyAll }),
  });
  if (plan.pending.length === 0) {
    if (busy !== undefined)
      plan.notes.push(`nothing to apply, so not waiting for ELT run ${busy.statementName}`);
    return { batchId: undefined, applied: [], plan, setupPlan: undefined };
  }
  if (busy !== undefined) throw busy;
  const firstRank = Math.max(0, ...ledger.map((row) => row.installedRank)) + 1;
  const setupPlan = migrationsBatchOf(plan.pending, options.values, firstRank, options.appliedBy);
  const batch = await options.dataApi.executeBatch(
    setupPlan.statements.map((statement) => statement.sql),
    { statementName: `${statementName}/${setupPlan.sqlHash.slice(0, 12)}` },
  );
  return { batchId: batch.id, applied: plan.pending, plan, setupPlan };
}

/**
 * Options of {@link applyMigrations}.
 *
 * @example
 * ```ts
 * const options: ApplyMigrationsOptions = { dataApi, pipelineName, files, values, appliedBy, timeoutMs: 600_000 };
 * ```
 */
export interface ApplyMigrationsOptions extends SubmitMigrationsOptions {
  /** Cancel the batch and fail when it has not ended after this long. Defaults to 10 minutes. */
  timeoutMs?: number;
  /** First pause between status checks (doubles up to 5 s). Defaults to 100 ms. */
  pollIntervalMs?: number;
}

/**
 * Applies the pending setup migrations (see {@link submitMigrations}) and waits for them: one transaction
 * with their ledger rows. A batch still running after `timeoutMs` is cancelled (CancelStatement) before
 * `SetupTimeoutError` is thrown, so a slow setup never lands later, unseen. The local app uses this; the
 * deploy runs the same two halves in its custom resource.
 *
 * @throws SetupMigrationChangedError, SetupRunActiveError, SetupStatementFailedError (naming file and statement), SetupTimeoutError.
 * @example
 * ```ts
 * const { applied } = await applyMigrations({ dataApi, pipelineName: config.name, files, values, appliedBy: 'shiftflow local' });
 * ```
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<SubmittedMigrations> {
  const submitted = await submitMigrations(options);
  if (submitted.batchId === undefined || submitted.setupPlan === undefined) return submitted;
  const timeoutMs = options.timeoutMs ?? 600_000;
  try {
    await options.dataApi.wait(submitted.batchId, {
      timeoutMs,
      ...(options.pollIntervalMs === undefined ? {} : { initialDelayMs: options.pollIntervalMs }),
    });
  } catch (error) {
    if (error instanceof StatementTimeoutError) {
      // wait() cancels a statement that runs out of time (cancelOnTimeout defaults to true).
      throw new SetupTimeoutError(submitted.batchId, timeoutMs, error.lastStatus, error, error.cancelled);
    }
    if (error instanceof StatementFailedError || error instanceof StatementAbortedError) {
      throw setupFailureOf(await options.dataApi.describe(submitted.batchId), submitted.setupPlan, error);
    }
    throw error;
  }
  return submitted;
}
