/**
 * The repository's own pipeline SQL (shiftflow.config.json → setupFiles, eltSql) through the dialect layer on
 * PGlite: placeholders replaced by the configured bucket and role, nothing else changed. Data files are
 * generated from the table's columns as the setup SQL created them, so the test follows schema changes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatibilitySql, splitStatements, translateRedshiftSql } from '../../src/dialect/index';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const config = JSON.parse(readFileSync(path.join(repository, 'shiftflow.config.json'), 'utf8')) as {
  setupFiles: string[];
  eltSql: string;
  sourceS3Uri: string;
  redshiftIamRoleArn: string;
};

/** A field value for a column of `data_type`, varied by row so that months and sums differ. */
function fieldFor(dataType: string, row: number): string {
  const month = String(1 + (row % 3)).padStart(2, '0');
  switch (dataType) {
    case 'date':
      return `2015-${month}-1${row % 9}`;
    case 'time without time zone':
      return `10:${String(row % 60).padStart(2, '0')}:00`;
    case 'timestamp without time zone':
      return `2015-${month}-10 10:00:00`;
    case 'smallint':
    case 'integer':
    case 'bigint':
      return String(1 + (row % 4));
    case 'real':
    case 'double precision':
    case 'numeric':
      return (1.25 + row).toFixed(2);
    case 'boolean':
      return row % 2 === 0 ? 't' : 'f';
    default:
      return row % 5 === 0 ? '' : 'N';
  }
}

describe('the repository pipeline SQL on PGlite', () => {
  let database: PGlite;
  let s3Root: string;
  let dataDir: string;

  beforeAll(async () => {
    s3Root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-repository-sql-s3-'));
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-repository-sql-pglite-'));
    database = await PGlite.create({ dataDir });
    database.Module.FS.mkdirTree('/s3');
    database.Module.FS.mount(database.Module.NODEFS, { root: s3Root }, '/s3');
    await database.exec(compatibilitySql);
    await database.exec(`SET shiftflow.s3_root = '/s3'`);
  });

  afterAll(async () => {
    await database?.close();
    rmSync(s3Root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every setup file unmodified apart from bucket and role, then the ELT call loads and aggregates', async () => {
    for (const file of config.setupFiles) {
      const rendered = readFileSync(path.join(repository, file), 'utf8')
        .replaceAll('{{sourceS3Uri}}', `'${config.sourceS3Uri}'`)
        .replaceAll('{{redshiftIamRoleArn}}', `'${config.redshiftIamRoleArn}'`);
      for (const statement of splitStatements(rendered)) {
        await database.exec(translateRedshiftSql(statement));
      }
    }
    const columns = await database.query<{ data_type: string }>(
      `select data_type from information_schema.columns where table_name = 'nyc_yellow_taxi' order by ordinal_position`,
    );
    expect(columns.rows.length).toBeGreaterThan(0);
    const rows = 30;
    const lines = Array.from({ length: rows }, (_, row) =>
      columns.rows.map((column) => fieldFor(column.data_type, row)).join('|'),
    );
    const source = /^s3:\/\/([^/]+)\/(.*)$/.exec(config.sourceS3Uri)!;
    const folder = path.join(s3Root, source[1]!, source[2]!);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'part-0000.txt'), `${lines.slice(0, 20).join('\n')}\n`);
    writeFileSync(path.join(folder, 'part-0001.txt'), `${lines.slice(20).join('\n')}\n`);

    await database.exec(translateRedshiftSql(config.eltSql));

    const loaded = await database.query<{ trips: number; months: number; summed: number }>(
      `select (select count(*)::int from nyc_yellow_taxi) as trips,
              (select count(*)::int from nyc_yellow_taxi_volume_analysis) as months,
              (select sum(total_trips)::int from nyc_yellow_taxi_volume_analysis) as summed`,
    );
    expect(loaded.rows[0]).toEqual({ trips: rows, months: 3, summed: rows });
    const log = await database.query<{ rows_loaded: number }>(
      `select rows_loaded::int as rows_loaded from elt_run_log where table_name = 'nyc_yellow_taxi'`,
    );
    expect(log.rows).toEqual([{ rows_loaded: rows }]);
  });
});
