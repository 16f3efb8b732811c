import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decompressWithProgramSync, type ProgramCompression } from './decompress-with-program-sync';
import { RedshiftLocalError, S3ObjectCorruptError, S3ObjectTooLargeError } from './errors';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'decompress-with-program-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Compresses `text` with the machine's program; fails naming what to install. */
function compressed(program: ProgramCompression, text: string): Buffer {
  const result = spawnSync(program, ['-c'], { input: text });
  if (result.status !== 0)
    throw new Error(`this test needs the ${program} program (Debian: apt-get install ${program})`);
  return result.stdout;
}

/** Decompresses `body` (written to a file) into `out`, as PGlite's COPY hook does. */
function decompress(compression: ProgramCompression, body: Buffer | string, maxBytes = 1024) {
  writeFileSync(path.join(folder, 'object'), body);
  const fd = openSync(path.join(folder, 'object'), 'r');
  try {
    decompressWithProgramSync({
      fd,
      target: path.join(folder, 'out'),
      object: `s3://b/k.${compression}`,
      maxBytes,
      compression,
    });
  } finally {
    closeSync(fd);
  }
  return readFileSync(path.join(folder, 'out'), 'utf8');
}

describe('decompressWithProgramSync', () => {
  it.each(['bzip2', 'lzop'] as const)('decompresses a %s object', (compression) => {
    expect(decompress(compression, compressed(compression, '1|a\n2|b\n'))).toBe('1|a\n2|b\n');
  });

  it.each(['bzip2', 'lzop'] as const)(
    'fails a corrupt %s object with S3ObjectCorruptError naming it',
    (compression) => {
      const error = (() => {
        try {
          decompress(compression, 'not compressed at all');
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(S3ObjectCorruptError);
      expect((error as Error).message).toContain(
        `${compression} object s3://b/k.${compression} could not be decompressed`,
      );
    },
  );

  it('stops at the limit with S3ObjectTooLargeError (a decompression bomb never fills the disk)', () => {
    const bomb = compressed('bzip2', 'x'.repeat(100_000));
    expect(() => decompress('bzip2', bomb, 1000)).toThrow(S3ObjectTooLargeError);
    expect(readFileSync(path.join(folder, 'out')).length).toBe(1001);
  });

  it('names the program and how to install it when the machine lacks it', () => {
    const bin = path.join(folder, 'bin');
    const saved = process.env.PATH;
    spawnSync('mkdir', [bin]);
    for (const tool of ['bash', 'head']) {
      const found = spawnSync('bash', ['-c', `command -v ${tool}`])
        .stdout.toString()
        .trim();
      symlinkSync(found, path.join(bin, tool));
    }
    process.env.PATH = bin;
    try {
      expect(() => decompress('lzop', 'whatever')).toThrow(RedshiftLocalError);
      expect(() => decompress('lzop', 'whatever')).toThrow(
        /COPY option LZOP needs the lzop program .*apt-get install lzop/,
      );
    } finally {
      process.env.PATH = saved;
    }
  });
});
