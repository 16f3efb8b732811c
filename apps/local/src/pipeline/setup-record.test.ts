import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalAppError } from '../errors';
import { readSetupRecord, writeSetupRecord } from './setup-record';

let directory: string;
let file: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'setup-record-'));
  file = path.join(directory, 'engine-setup.json');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('readSetupRecord', () => {
  it('reads back what writeSetupRecord wrote, and undefined before', async () => {
    expect(await readSetupRecord(file)).toBeUndefined();

    await writeSetupRecord(file, { fingerprint: 'abc', files: ['sql/setup/001.sql'] });

    expect(await readSetupRecord(file)).toEqual({ fingerprint: 'abc', files: ['sql/setup/001.sql'] });
  });

  it('names the damaged file and says how to recover, for a file cut short', async () => {
    await writeFile(file, '{"fingerprint": "ab');

    const read = readSetupRecord(file);

    await expect(read).rejects.toThrow(LocalAppError);
    await expect(readSetupRecord(file)).rejects.toThrow(
      `${file} is not JSON; delete it and the setup SQL is applied again at the next start (or run shiftflow reset)`,
    );
  });

  it('names the file when it is JSON but not a setup record', async () => {
    await writeFile(file, '[1, 2, 3]');

    await expect(readSetupRecord(file)).rejects.toThrow(`${file} is not a setup record`);
  });

  it('says so when it is a folder, instead of a bare EISDIR', async () => {
    await mkdir(file);

    await expect(readSetupRecord(file)).rejects.toThrow(
      `${file} is a folder, but shiftflow keeps a file there`,
    );
  });
});
