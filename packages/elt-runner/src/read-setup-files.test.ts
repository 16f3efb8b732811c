import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SetupFileEncodingError, SetupFileReadError, SetupFileTooLargeError } from './errors';
import { readSetupFiles } from './read-setup-files';

describe('readSetupFiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'shiftflow-setup-files-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads the files in the order given, without a byte order mark', async () => {
    writeFileSync(path.join(root, 'b.sql'), '\uFEFFselect 2;');
    writeFileSync(path.join(root, 'a.sql'), 'select 1;');
    expect(await readSetupFiles(root, ['b.sql', 'a.sql'])).toEqual([
      { name: 'b.sql', sql: 'select 2;' },
      { name: 'a.sql', sql: 'select 1;' },
    ]);
  });

  it('refuses a 50 MB file from its size, naming the file and the limit', async () => {
    // A sparse file: 50 MB long without writing 50 MB, so the test also shows it is never read.
    writeFileSync(path.join(root, 'huge.sql'), '');
    truncateSync(path.join(root, 'huge.sql'), 50 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const error = await readSetupFiles(root, ['huge.sql']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SetupFileTooLargeError);
    expect(error).toMatchObject({ file: 'huge.sql', sizeBytes: 52_428_800, limitBytes: 4_096_000 });
    expect((error as Error).message).toContain('setup file huge.sql is 52428800 bytes');
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('refuses a file that is not UTF-8, naming the file and the line', async () => {
    writeFileSync(path.join(root, 'latin1.sql'), Buffer.from('select 1;\n-- caf\xe9\n', 'latin1'));
    await expect(readSetupFiles(root, ['latin1.sql'])).rejects.toThrow(SetupFileEncodingError);
    await expect(readSetupFiles(root, ['latin1.sql'])).rejects.toThrow(
      /latin1\.sql .* offset 16 \(line 2, column 7\)/,
    );
  });

  it('names a missing file and where it was looked for', async () => {
    const error = await readSetupFiles(root, ['missing.sql']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SetupFileReadError);
    expect((error as Error).message).toContain(
      `cannot read setup file missing.sql (${path.join(root, 'missing.sql')}): ENOENT`,
    );
  });
});
