import { describe, expect, it } from 'vitest';
import { migrationsBatchOf } from './apply-migrations';
import { SetupTooLargeError } from './errors';
import type { PendingMigration } from './plan-migrations';

const values = {
  sourceS3Uri: 's3://shiftflow-sample/raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/copy',
};
const pending = (name: string, sql: string): PendingMigration => ({
  file: { name, sql },
  kind: 'versioned',
  checksum: 'a'.repeat(64),
  reason: 'new',
});

describe('migrationsBatchOf', () => {
  it("puts the files' statements in order and the ledger INSERT last, ranks counted from firstRank", () => {
    const batch = migrationsBatchOf(
      [
        pending('sql/setup/005_a.sql', 'CREATE TABLE a (x INT);\nCREATE TABLE b (x INT);'),
        pending("sql/o'k.sql", 'SELECT 1;'),
      ],
      values,
      7,
      'shiftflow local (test)',
    );
    expect(batch.statements.map((statement) => statement.file)).toEqual([
      'sql/setup/005_a.sql',
      'sql/setup/005_a.sql',
      "sql/o'k.sql",
      'ledger shiftflow_schema_migrations',
    ]);
    expect(batch.statements.at(-1)?.sql).toBe(
      `INSERT INTO shiftflow_schema_migrations (installed_rank, file, kind, checksum, applied_at, applied_by) VALUES (7, 'sql/setup/005_a.sql', 'versioned', '${'a'.repeat(64)}', GETDATE(), 'shiftflow local (test)'), (8, 'sql/o''k.sql', 'versioned', '${'a'.repeat(64)}', GETDATE(), 'shiftflow local (test)')`,
    );
  });

  it('refuses more statements than one batch takes, counting the ledger INSERT', () => {
    const forty = Array.from({ length: 40 }, (_, index) => `CREATE TABLE t${index} (x INT);`).join('\n');
    expect(() => migrationsBatchOf([pending('sql/setup/big.sql', forty)], values, 1, 'test')).toThrow(
      SetupTooLargeError,
    );
    const thirtyNine = Array.from({ length: 39 }, (_, index) => `CREATE TABLE t${index} (x INT);`).join('\n');
    expect(
      migrationsBatchOf([pending('sql/setup/big.sql', thirtyNine)], values, 1, 'test').statements,
    ).toHaveLength(40);
  });
});
