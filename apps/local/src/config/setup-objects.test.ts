import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PipelineConfig } from '@shiftflow/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { setupObjects } from './setup-objects';

let root: string;
const config = (setupFiles: string[]) =>
  ({ name: 'p', setupFiles, sourceS3Uri: 's3://b/p/', redshiftIamRoleArn: 'x' }) as unknown as PipelineConfig;

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

  it('names a setup file that cannot be read', async () => {
    await expect(setupObjects(root, config(['missing.sql']))).rejects.toThrow(ConfigError);
    await expect(setupObjects(root, config(['missing.sql']))).rejects.toThrow(
      'cannot read setup file missing.sql',
    );
  });
});
