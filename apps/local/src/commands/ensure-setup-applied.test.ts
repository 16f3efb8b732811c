import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogQuery } from '../config/find-missing-setup-objects';
import { Terminal } from '../output/terminal';
import { ensureSetupApplied, SetupObjectsMissingError } from './ensure-setup-applied';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ensure-setup-'));
  await writeFile(path.join(root, '001_trips.sql'), 'CREATE TABLE IF NOT EXISTS trips (a INT);');
  await writeFile(
    path.join(root, '002_load.sql'),
    'CREATE OR REPLACE PROCEDURE load() AS $$ BEGIN NULL; END; $$ LANGUAGE plpgsql;',
  );
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A pipeline whose catalog holds `present` and which records each forced setup. */
function fakePipeline(present: { name: string; kind: string }[]) {
  const applied: { force?: boolean }[] = [];
  const pipeline = {
    config: { setupFiles: ['001_trips.sql', '002_load.sql'] },
    dataApi: { query: async () => present } as CatalogQuery,
    applySetup: async (options: { force?: boolean } = {}) => {
      applied.push(options);
      return { applied: true, files: ['001_trips.sql', '002_load.sql'], complete: true };
    },
  };
  return { pipeline, applied };
}

function context() {
  const out = new PassThrough();
  let stderr = '';
  out.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    context: { json: false, stderr: new Terminal(out, {}), repositoryRoot: () => root },
    stderr: () => stderr,
  };
}

const everything = [
  { name: 'trips', kind: 'r' },
  { name: 'load', kind: 'procedure' },
];

describe('ensureSetupApplied', () => {
  it('does nothing when every setup object exists', async () => {
    const { pipeline, applied } = fakePipeline(everything);
    const { context: command, stderr } = context();
    await ensureSetupApplied(command, pipeline, 'refuse');
    expect(applied).toEqual([]);
    expect(stderr()).toBe('');
  });

  it('refuses with the dropped table, its file and the --setup flag', async () => {
    const { pipeline, applied } = fakePipeline([{ name: 'load', kind: 'procedure' }]);
    const error = await ensureSetupApplied(context().context, pipeline, 'refuse').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SetupObjectsMissingError);
    expect((error as Error).message).toBe(
      'table trips (001_trips.sql) is missing from the local Redshift, though the setup is recorded as applied; run "shiftflow run --setup" to apply the setup again',
    );
    expect(applied).toEqual([]);
  });

  it('applies the setup again when something is missing and the policy is repair, saying why', async () => {
    const { pipeline, applied } = fakePipeline([]);
    const { context: command, stderr } = context();
    await ensureSetupApplied(command, pipeline, 'repair');
    expect(applied).toEqual([{ force: true }]);
    expect(stderr()).toMatch(
      /^re-applied setup 001_trips\.sql, 002_load\.sql because table trips \(001_trips\.sql\), procedure load \(002_load\.sql\) are missing in /,
    );
  });

  it('applies the setup again when forced, without asking the catalog', async () => {
    const { pipeline, applied } = fakePipeline(everything);
    pipeline.dataApi = {
      query: async () => {
        throw new Error('the catalog must not be asked');
      },
    };
    const { context: command, stderr } = context();
    await ensureSetupApplied(command, pipeline, 'force');
    expect(applied).toEqual([{ force: true }]);
    expect(stderr()).toContain('as asked (--setup)');
  });
});
