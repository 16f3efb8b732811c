import { describe, expect, it } from 'vitest';
import { planSetup } from './apply-setup';
import { SetupStatementNotTransactionalError } from './migration-errors';
import { nonTransactionalCommandOf } from './non-transactional-command';

const values = {
  sourceS3Uri: 's3://shiftflow-sample/raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/copy',
};

describe('nonTransactionalCommandOf', () => {
  it('names the commands Redshift refuses in a transaction block', () => {
    expect(nonTransactionalCommandOf('VACUUM nyc_yellow_taxi')).toBe('VACUUM');
    expect(nonTransactionalCommandOf('  vacuum delete only t')).toBe('VACUUM');
    expect(nonTransactionalCommandOf('ALTER TABLE t APPEND FROM s')).toBe('ALTER TABLE APPEND');
    expect(nonTransactionalCommandOf('create external table spectrum.t (a int) location')).toBe(
      'CREATE/DROP/ALTER EXTERNAL TABLE',
    );
    expect(nonTransactionalCommandOf('CREATE DATABASE other')).toBe('CREATE/DROP DATABASE');
    expect(nonTransactionalCommandOf('CREATE OR REPLACE LIBRARY l LANGUAGE plpythonu')).toBe(
      'CREATE/DROP LIBRARY',
    );
  });

  it('lets the repository kinds of statement through, a VACUUM inside a procedure body included', () => {
    for (const sql of [
      'CREATE TABLE IF NOT EXISTS t (a INT)',
      'DROP MATERIALIZED VIEW IF EXISTS v',
      'CREATE MATERIALIZED VIEW v AS SELECT a FROM t',
      'ALTER TABLE t ADD COLUMN b INT',
      'CREATE OR REPLACE PROCEDURE p() AS $$ BEGIN VACUUM t; END; $$ LANGUAGE plpgsql',
      'GRANT SELECT ON t TO reader',
    ]) {
      expect(nonTransactionalCommandOf(sql), sql).toBeUndefined();
    }
  });

  it('makes planSetup refuse such a statement, naming the file and line, before anything is sent', () => {
    const files = [{ name: 'sql/setup/005_vacuum.sql', sql: 'CREATE TABLE a (x INT);\n\nVACUUM a;\n' }];
    expect(() => planSetup(files, values)).toThrow(SetupStatementNotTransactionalError);
    expect(() => planSetup(files, values)).toThrow(
      /^sql\/setup\/005_vacuum\.sql:3: VACUUM cannot run inside a transaction block on Redshift/,
    );
  });
});
