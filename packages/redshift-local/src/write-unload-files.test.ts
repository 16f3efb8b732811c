import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectRefusedError } from './errors';
import { parseUnloadStatement } from './unload-statement';
import { UnloadDestinationNotEmptyError, unloadFileKeys, writeUnloadFiles } from './write-unload-files';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'unload-files-'));
  mkdirSync(path.join(root, 'bucket'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const unload = (options: string, to = 's3://bucket/out/t_') =>
  parseUnloadStatement(`unload ('select 1') to '${to}' iam_role default ${options}`)!;
const rows = [
  ['1', 'a|b', null],
  ['2', 'say "hi", ok', 'x\ny'],
];

describe('writeUnloadFiles', () => {
  it('names files as Redshift does', () => {
    expect(unloadFileKeys(unload(''))).toEqual({ data: 'out/t_0000_part_00', manifest: 'out/t_manifest' });
    expect(unloadFileKeys(unload('parallel off gzip')).data).toBe('out/t_000.gz');
    expect(unloadFileKeys(unload("extension 'csv' csv")).data).toBe('out/t_0000_part_00.csv');
  });

  it('writes pipe-delimited text with NULL as an empty string', async () => {
    await writeUnloadFiles(root, unload(''), ['id', 'name', 'note'], rows);
    expect(readFileSync(path.join(root, 'bucket/out/t_0000_part_00'), 'utf8')).toBe(
      '1|a|b|\n2|say "hi", ok|x\ny\n',
    );
  });

  it('writes ESCAPE and ADDQUOTES text, NULL AS', async () => {
    await writeUnloadFiles(
      root,
      unload("escape addquotes null as '\\\\N' parallel off"),
      ['id', 'name', 'note'],
      rows,
    );
    expect(readFileSync(path.join(root, 'bucket/out/t_000'), 'utf8')).toBe(
      '"1"|"a\\|b"|\\N\n"2"|"say \\"hi\\", ok"|"x\\\ny"\n',
    );
  });

  it('writes CSV with a header, gzipped, and a manifest with each file size', async () => {
    const result = await writeUnloadFiles(
      root,
      unload('csv header gzip manifest'),
      ['id', 'name', 'note'],
      rows,
    );
    const data = readFileSync(path.join(root, 'bucket/out/t_0000_part_00.gz'));
    expect(gunzipSync(data).toString('utf8')).toBe('id,name,note\n1,a|b,\n2,"say ""hi"", ok","x\ny"\n');
    expect(JSON.parse(readFileSync(path.join(root, 'bucket/out/t_manifest'), 'utf8'))).toEqual({
      entries: [{ url: 's3://bucket/out/t_0000_part_00.gz', meta: { content_length: data.length } }],
    });
    expect(result.manifest).toBe('s3://bucket/out/t_manifest');
  });

  it('fails on an existing file without ALLOWOVERWRITE, and writes nothing', async () => {
    mkdirSync(path.join(root, 'bucket/out'));
    writeFileSync(path.join(root, 'bucket/out/t_manifest'), 'old');
    await expect(writeUnloadFiles(root, unload('manifest'), ['id'], [['1']])).rejects.toThrow(
      UnloadDestinationNotEmptyError,
    );
    expect(() => readFileSync(path.join(root, 'bucket/out/t_0000_part_00'))).toThrow();
    await writeUnloadFiles(root, unload('manifest allowoverwrite'), ['id'], [['1']]);
    expect(readFileSync(path.join(root, 'bucket/out/t_0000_part_00'), 'utf8')).toBe('1\n');
  });

  it('stays inside the local S3 folder', async () => {
    await expect(writeUnloadFiles(root, unload('', 's3://bucket/../x_'), ['id'], [])).rejects.toThrow(
      S3ObjectRefusedError,
    );
    await expect(writeUnloadFiles(root, unload('', 's3://nobucket/x_'), ['id'], [])).rejects.toThrow(
      /no bucket nobucket/,
    );
    const outside = mkdtempSync(path.join(os.tmpdir(), 'unload-outside-'));
    try {
      symlinkSync(outside, path.join(root, 'bucket/link'));
      await expect(writeUnloadFiles(root, unload('', 's3://bucket/link/x_'), ['id'], [])).rejects.toThrow(
        /leads out of the local S3 folder/,
      );
      symlinkSync(path.join(outside, 'target'), path.join(root, 'bucket/y_0000_part_00'));
      await expect(
        writeUnloadFiles(root, unload('allowoverwrite', 's3://bucket/y_'), ['id'], [['1']]),
      ).rejects.toThrow(S3ObjectRefusedError);
      expect(() => readFileSync(path.join(outside, 'target'))).toThrow();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
