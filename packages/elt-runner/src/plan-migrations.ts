import { createHash } from 'node:crypto';
import { type ChangedMigration, SetupMigrationChangedError } from './migration-errors';
import type { MigrationLedgerRow } from './migrations-ledger';
import { migrationsLedgerTable } from './migrations-ledger';
import type { SetupFile } from './read-setup-files';
import { renderSetupSql, type SetupValues } from './render-setup-sql';

/**
 * How a setup file is applied. `versioned` (the default): once, ever; a later change is refused.
 * `repeatable` (the file says `-- shiftflow:repeatable` before its first statement): again whenever its
 * rendered SQL changes. Prior art: Flyway's versioned migrations, "applied … in order exactly once", with a
 * checksum "to make sure they haven't changed" (https://documentation.red-gate.com/fd/versioned-migrations-273973333.html),
 * and its repeatable `R__` migrations, "(re-)applied every time their checksum changes"
 * (https://flywaydb.org/documentation/migrations); Liquibase's `runOnChange:true`, which its formatted-SQL
 * changelogs declare in a header comment, as here. Unlike Flyway, a repeatable file's checksum is taken after
 * the placeholders are filled in, so a changed configuration value (the S3 URI in the procedure) re-applies it.
 * Unlike Flyway, all files run in the configured order (a view after its table), repeatable ones included.
 */
export type MigrationKind = 'versioned' | 'repeatable';

/** The marker line, alone in a comment before the first statement. */
const repeatableMarker = /^--\s*shiftflow:repeatable\s*$/;

/**
 * The kind of a setup file: `repeatable` when one of the comment lines before its first statement is
 * `-- shiftflow:repeatable`, `versioned` otherwise.
 *
 * @example
 * ```ts
 * migrationKindOf('-- shiftflow:repeatable\nCREATE OR REPLACE VIEW v AS SELECT 1;'); // 'repeatable'
 * ```
 */
export function migrationKindOf(sql: string): MigrationKind {
  for (const raw of sql.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('--')) return 'versioned';
    if (repeatableMarker.test(line)) return 'repeatable';
  }
  return 'versioned';
}

/** SHA-256 (hex) of SQL text with CRLF read as LF, so a checkout on Windows does not count as a change. */
export function sqlChecksum(sql: string): string {
  return createHash('sha256').update(sql.replaceAll('\r\n', '\n')).digest('hex');
}

/**
 * One setup file the plan applies.
 *
 * @example
 * ```ts
 * const pending: PendingMigration = { file, kind: 'repeatable', checksum: 'ab12…', reason: 'changed' };
 * ```
 */
export interface PendingMigration {
  file: SetupFile;
  kind: MigrationKind;
  /** Versioned: checksum of the file's text; repeatable: of its rendered SQL (a changed value re-applies it). */
  checksum: string;
  reason: 'new' | 'changed' | 'forced';
}

/**
 * What to apply and what was left alone, and why.
 *
 * @example
 * ```ts
 * const { pending, notes } = planMigrations({ files, values, ledger });
 * ```
 */
export interface MigrationPlan {
  /** Files to apply, in the configured order. */
  pending: PendingMigration[];
  /** Files already applied as they are. */
  unchanged: string[];
  /** Things left alone on purpose, for the log (older SQL on a deploy update, files no longer configured). */
  notes: string[];
}

/**
 * Options of {@link planMigrations}.
 *
 * @example
 * ```ts
 * planMigrations({ files, values, ledger, neverReapplyOlder: event.RequestType === 'Update' });
 * ```
 */
export interface PlanMigrationsOptions {
  /** The configured setup files, in order. */
  files: readonly SetupFile[];
  values: SetupValues;
  /** Rows of the migrations ledger (any order). */
  ledger: readonly MigrationLedgerRow[];
  /**
   * Never re-apply a repeatable file whose SQL is an OLDER one the ledger recorded (not its latest): a
   * CloudFormation rollback sends the previous properties as an Update, and must not put old SQL back.
   * The deploy sets it on Update; the local app does not (going back to older SQL locally is on purpose).
   */
  neverReapplyOlder?: boolean;
  /** Apply every file again (`shiftflow run --setup`, a repair), still refusing a changed migration. */
  reapplyAll?: boolean;
}

/**
 * Decides which setup files to apply from the files and the migrations ledger: a versioned file not in the
 * ledger, a repeatable file whose checksum differs from its latest ledger row. Throws
 * {@link SetupMigrationChangedError} naming every applied versioned file whose text changed.
 *
 * @example
 * ```ts
 * const plan = planMigrations({ files, values, ledger: await readMigrationsLedger(dataApi) });
 * for (const { file, reason } of plan.pending) console.log(`apply ${file.name} (${reason})`);
 * ```
 */
export function planMigrations(options: PlanMigrationsOptions): MigrationPlan {
  const history = new Map<string, MigrationLedgerRow[]>();
  for (const row of [...options.ledger].sort((a, b) => a.installedRank - b.installedRank)) {
    history.set(row.file, [...(history.get(row.file) ?? []), row]);
  }
  const plan: MigrationPlan = { pending: [], unchanged: [], notes: [] };
  const changed: ChangedMigration[] = [];
  for (const file of options.files) {
    const kind = migrationKindOf(file.sql);
    const checksum =
      kind === 'repeatable'
        ? sqlChecksum(renderSetupSql(file.sql, options.values, file.name))
        : sqlChecksum(file.sql);
    const rows = history.get(file.name) ?? [];
    const latest = rows.at(-1);
    if (latest === undefined) {
      plan.pending.push({ file, kind, checksum, reason: options.reapplyAll ? 'forced' : 'new' });
      continue;
    }
    if (kind === 'versioned' && latest.checksum !== checksum) {
      changed.push({
        file: file.name,
        appliedChecksum: latest.checksum,
        currentChecksum: checksum,
        appliedAt: latest.appliedAt,
      });
      continue;
    }
    if (options.reapplyAll) {
      plan.pending.push({ file, kind, checksum, reason: 'forced' });
    } else if (latest.checksum === checksum) {
      plan.unchanged.push(file.name);
    } else if (options.neverReapplyOlder && rows.some((row) => row.checksum === checksum)) {
      plan.unchanged.push(file.name);
      plan.notes.push(
        `${file.name}: not re-applied: its SQL (sha256 ${checksum}) is an older version the ledger recorded before the one applied ${latest.appliedAt} (sha256 ${latest.checksum}); a deploy update (a CloudFormation rollback sends the previous SQL as one) never puts older SQL back. To go back on purpose, change the file (a comment will do) so it is new SQL, and deploy`,
      );
    } else {
      plan.pending.push({ file, kind, checksum, reason: 'changed' });
    }
  }
  if (changed.length > 0) throw new SetupMigrationChangedError(changed, migrationsLedgerTable);
  const configured = new Set(options.files.map((file) => file.name));
  for (const [name, rows] of history) {
    if (!configured.has(name)) {
      plan.notes.push(
        `${name} (applied ${rows.at(-1)?.appliedAt}) is not among the setup files (removed, or a rollback to an earlier deploy): left as it is, nothing is undone`,
      );
    }
  }
  return plan;
}
