import { describe, expect, it } from 'vitest';
import { SetupMigrationChangedError } from './migration-errors';
import type { MigrationLedgerRow } from './migrations-ledger';
import { migrationKindOf, planMigrations, sqlChecksum } from './plan-migrations';
import { renderSetupSql } from './render-setup-sql';

const values = {
  sourceS3Uri: 's3://shiftflow-sample/raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/copy',
};
const table = { name: 'sql/setup/001_t.sql', sql: 'CREATE TABLE IF NOT EXISTS t (a INT);\n' };
const view = {
  name: 'sql/setup/002_v.sql',
  sql: '-- shiftflow:repeatable\n-- the view\nDROP MATERIALIZED VIEW IF EXISTS v;\nCREATE MATERIALIZED VIEW v AS SELECT a FROM t;\n',
};
const procedure = {
  name: 'sql/setup/003_p.sql',
  sql: '-- shiftflow:repeatable\nCREATE OR REPLACE PROCEDURE p() AS $$ BEGIN COPY t FROM {{sourceS3Uri}} IAM_ROLE {{redshiftIamRoleArn}}; END; $$ LANGUAGE plpgsql;\n',
};
const files = [table, view, procedure];

/** The ledger rows a fresh apply of `applied` would have written. */
function ledgerOf(applied: readonly { name: string; sql: string }[], firstRank = 1): MigrationLedgerRow[] {
  return applied.map((file, index) => {
    const kind = migrationKindOf(file.sql);
    return {
      installedRank: firstRank + index,
      file: file.name,
      kind,
      checksum: sqlChecksum(kind === 'repeatable' ? renderSetupSql(file.sql, values, file.name) : file.sql),
      appliedAt: `2026-12-0${firstRank} 10:00:00`,
    };
  });
}

describe('migrationKindOf', () => {
  it('reads the marker only among the comments before the first statement', () => {
    expect(migrationKindOf(view.sql)).toBe('repeatable');
    expect(migrationKindOf('\n  -- shiftflow:repeatable  \r\nselect 1;')).toBe('repeatable');
    expect(migrationKindOf(table.sql)).toBe('versioned');
    expect(migrationKindOf('select 1;\n-- shiftflow:repeatable\n')).toBe('versioned');
    expect(migrationKindOf('-- not shiftflow:repeatable\nselect 1;')).toBe('versioned');
  });
});

describe('planMigrations', () => {
  it('applies every file of an empty ledger, in the configured order', () => {
    const plan = planMigrations({ files, values, ledger: [] });
    expect(plan.pending.map((migration) => [migration.file.name, migration.kind, migration.reason])).toEqual([
      ['sql/setup/001_t.sql', 'versioned', 'new'],
      ['sql/setup/002_v.sql', 'repeatable', 'new'],
      ['sql/setup/003_p.sql', 'repeatable', 'new'],
    ]);
    expect(plan.pending[0]?.checksum).toBe(sqlChecksum(table.sql));
    expect(plan.pending[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies nothing when every file is applied as it is', () => {
    const plan = planMigrations({ files, values, ledger: ledgerOf(files) });
    expect(plan.pending).toEqual([]);
    expect(plan.unchanged).toEqual(files.map((file) => file.name));
    expect(plan.notes).toEqual([]);
  });

  it('applies a new file and a changed repeatable file only', () => {
    const added = { name: 'sql/setup/004_more.sql', sql: 'ALTER TABLE t ADD COLUMN b INT;' };
    const changedView = { ...view, sql: view.sql.replace('SELECT a', 'SELECT a, 1 AS one') };
    const plan = planMigrations({
      files: [table, changedView, procedure, added],
      values,
      ledger: ledgerOf(files),
    });
    expect(plan.pending.map((migration) => [migration.file.name, migration.reason])).toEqual([
      ['sql/setup/002_v.sql', 'changed'],
      ['sql/setup/004_more.sql', 'new'],
    ]);
  });

  it('re-applies a repeatable file whose rendered SQL changed with a configuration value', () => {
    const plan = planMigrations({
      files,
      values: { ...values, sourceS3Uri: 's3://other-bucket/raw/' },
      ledger: ledgerOf(files),
    });
    expect(plan.pending.map((migration) => migration.file.name)).toEqual(['sql/setup/003_p.sql']);
  });

  it('does not count CRLF line ends as a change', () => {
    const crlf = files.map((file) => ({ ...file, sql: file.sql.replaceAll('\n', '\r\n') }));
    expect(planMigrations({ files: crlf, values, ledger: ledgerOf(files) }).pending).toEqual([]);
  });

  it('refuses a changed applied migration, naming every such file, both checksums and what to do', () => {
    const edited = { ...table, sql: 'CREATE TABLE IF NOT EXISTS t (a INT, b INT);\n' };
    const run = () => planMigrations({ files: [edited, view, procedure], values, ledger: ledgerOf(files) });
    expect(run).toThrow(SetupMigrationChangedError);
    const error = (() => {
      try {
        run();
      } catch (caught) {
        return caught as SetupMigrationChangedError;
      }
    })();
    expect(error?.code).toBe('SETUP_MIGRATION_CHANGED');
    expect(error?.file).toBe('sql/setup/001_t.sql');
    expect(error?.changes[0]).toEqual({
      file: 'sql/setup/001_t.sql',
      appliedChecksum: sqlChecksum(table.sql),
      currentChecksum: sqlChecksum(edited.sql),
      appliedAt: '2026-12-01 10:00:00',
    });
    expect(error?.message).toContain(
      `sql/setup/001_t.sql (applied 2026-12-01 10:00:00 with sha256 ${sqlChecksum(table.sql)}`,
    );
    expect(error?.message).toContain(`now sha256 ${sqlChecksum(edited.sql)}`);
    expect(error?.message).toContain('put the change in a new file');
    expect(error?.message).toContain('shiftflow_schema_migrations');
  });

  it('on a deploy update (a rollback), never puts back an older version of a repeatable file, and says so', () => {
    const newer = { ...procedure, sql: `${procedure.sql}-- v2\n` };
    const ledger = [...ledgerOf(files), ...ledgerOf([newer], 4)];
    // The rollback sends the previous properties: the procedure as it was before the failed deploy.
    const rollback = planMigrations({ files, values, ledger, neverReapplyOlder: true });
    expect(rollback.pending).toEqual([]);
    expect(rollback.notes).toHaveLength(1);
    expect(rollback.notes[0]).toContain('sql/setup/003_p.sql: not re-applied');
    expect(rollback.notes[0]).toContain('never puts older SQL back');
    // Locally going back is on purpose: it is applied.
    expect(planMigrations({ files, values, ledger }).pending.map((migration) => migration.file.name)).toEqual(
      ['sql/setup/003_p.sql'],
    );
    // New SQL on a deploy update is applied.
    const third = { ...procedure, sql: `${procedure.sql}-- v3\n` };
    expect(
      planMigrations({ files: [table, view, third], values, ledger, neverReapplyOlder: true }).pending.map(
        (migration) => migration.file.name,
      ),
    ).toEqual(['sql/setup/003_p.sql']);
  });

  it('leaves an applied file that is no longer configured alone and notes it', () => {
    const added = { name: 'sql/setup/004_more.sql', sql: 'ALTER TABLE t ADD COLUMN b INT;' };
    const plan = planMigrations({ files, values, ledger: ledgerOf([...files, added]) });
    expect(plan.pending).toEqual([]);
    expect(plan.notes).toEqual([expect.stringContaining('sql/setup/004_more.sql (applied')]);
    expect(plan.notes[0]).toContain('nothing is undone');
  });

  it('with reapplyAll applies every file again but still refuses a changed migration', () => {
    const plan = planMigrations({ files, values, ledger: ledgerOf(files), reapplyAll: true });
    expect(plan.pending.map((migration) => migration.reason)).toEqual(['forced', 'forced', 'forced']);
    const edited = { ...table, sql: 'CREATE TABLE t2 (a INT);' };
    expect(() =>
      planMigrations({ files: [edited], values, ledger: ledgerOf(files), reapplyAll: true }),
    ).toThrow(SetupMigrationChangedError);
  });
});
