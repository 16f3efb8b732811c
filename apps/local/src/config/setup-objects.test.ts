import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parsePipelineConfig } from '@shiftflow/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { setupObjects } from './setup-objects';

let root: string;
const config = (setupFiles: string[]) =>
  parsePipelineConfig({
    name: 'p',
    schedule: { expression: 'cron(0 11 * * ? *)', timeZone: 'UTC' },
    target: { type: 'serverless', workgroupName: 'local', database: 'dev' },
    setupFiles,
    sourceS3Uri: 's3://bucket/prefix/',
    redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-copy',
  });

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'setup-objects-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('setupObjects', () => {
  it('finds the table the procedure COPYs into, its columns, and the materialized views', async () => {
    await writeFile(
      path.join(root, 'a.sql'),
      'CREATE TABLE IF NOT EXISTS trips (pickup_date DATE, fare REAL) SORTKEY (pickup_date);',
    );
    await writeFile(path.join(root, 'b.sql'), 'CREATE MATERIALIZED VIEW monthly AS SELECT 1;');
    await writeFile(
      path.join(root, 'c.sql'),
      "CREATE PROCEDURE p() AS $$ BEGIN -- COPY nothing FROM x\n COPY trips FROM {{sourceS3Uri}} DELIMITER '|'; END; $$ LANGUAGE plpgsql;",
    );

    const objects = await setupObjects(root, config(['a.sql', 'b.sql', 'c.sql']));

    expect(objects.loadTable).toEqual({ name: 'trips', columns: ['pickup_date', 'fare'] });
    expect(objects.materializedViews).toEqual(['monthly']);
    expect(objects.files.map((file) => path.basename(file.path))).toEqual(['a.sql', 'b.sql', 'c.sql']);
  });

  it('lists every table, view, materialized view and procedure the setup creates, with its file', async () => {
    await writeFile(
      path.join(root, 'a.sql'),
      '-- CREATE TABLE commented_out (a int);\nCREATE TABLE IF NOT EXISTS public."Trips" (a INT);\nCREATE TEMP TABLE scratch (a INT);\nCREATE OR REPLACE VIEW v AS SELECT 1;',
    );
    await writeFile(
      path.join(root, 'b.sql'),
      'DROP MATERIALIZED VIEW IF EXISTS monthly;\nCREATE MATERIALIZED VIEW monthly AS SELECT 1;\nCREATE OR REPLACE PROCEDURE load() AS $$ BEGIN CREATE TABLE made_by_the_procedure (a INT); END; $$ LANGUAGE plpgsql;',
    );
    const objects = await setupObjects(root, config(['a.sql', 'b.sql']));
    expect(objects.created).toEqual([
      { kind: 'table', name: 'trips', file: 'a.sql' },
      { kind: 'view', name: 'v', file: 'a.sql' },
      { kind: 'materialized view', name: 'monthly', file: 'b.sql' },
      { kind: 'procedure', name: 'load', file: 'b.sql' },
    ]);
  });

  it('drops a leading byte order mark, so the first statement is read as it was written', async () => {
    await writeFile(path.join(root, 'bom.sql'), '\uFEFFCREATE TABLE t (a INT);');
    const objects = await setupObjects(root, config(['bom.sql']));
    expect(objects.files[0]?.sql).toBe('CREATE TABLE t (a INT);');
    expect(objects.created).toEqual([{ kind: 'table', name: 't', file: 'bom.sql' }]);
  });

  it('refuses a setup file that is not UTF-8, naming the file, byte offset and line', async () => {
    await writeFile(
      path.join(root, 'latin1.sql'),
      Buffer.from('CREATE TABLE t (a INT);\n-- caf\xe9\n', 'latin1'),
    );
    await expect(setupObjects(root, config(['latin1.sql']))).rejects.toThrow(ConfigError);
    await expect(setupObjects(root, config(['latin1.sql']))).rejects.toThrow(
      'setup file latin1.sql is not valid UTF-8: byte 0xe9 at offset 30 (line 2, column 7); save the file as UTF-8',
    );
  });

  it('refuses a 50 MB setup file from its size, naming the file and the limit', async () => {
    await writeFile(path.join(root, 'huge.sql'), '');
    await truncate(path.join(root, 'huge.sql'), 50 * 1024 * 1024);
    await expect(setupObjects(root, config(['huge.sql']))).rejects.toThrow(
      /^setup file huge\.sql is 52428800 bytes; a setup file may hold at most 4096000 bytes/,
    );
  });

  it('names a setup file that cannot be read', async () => {
    await expect(setupObjects(root, config(['missing.sql']))).rejects.toThrow(ConfigError);
    await expect(setupObjects(root, config(['missing.sql']))).rejects.toThrow(
      'cannot read setup file missing.sql',
    );
  });
});
