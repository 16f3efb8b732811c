import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectCorruptError, S3ObjectTooLargeError } from './errors';
import { gunzipFileSync } from './gunzip-file-sync';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'gunzip-file-sync-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function decompress(format: 'gzip' | 'zstd', body: Buffer | string, maxBytes = 1024): string {
  writeFileSync(path.join(folder, 'object'), body);
  const fd = openSync(path.join(folder, 'object'), 'r');
  try {
    gunzipFileSync({ fd, target: path.join(folder, 'out'), object: `s3://b/k.${format}`, maxBytes, format });
  } finally {
    closeSync(fd);
  }
  return readFileSync(path.join(folder, 'out'), 'utf8');
}

describe('gunzipFileSync', () => {
  it('decompresses gzip and zstd objects', () => {
    expect(decompress('gzip', gzipSync('1|a\n'))).toBe('1|a\n');
    expect(decompress('zstd', zstdCompressSync('2|b\n'))).toBe('2|b\n');
  });

  it('fails a corrupt zstd object naming zstd, and one over the limit with S3ObjectTooLargeError', () => {
    expect(() => decompress('zstd', 'not zstd')).toThrow(S3ObjectCorruptError);
    expect(() => decompress('zstd', 'not zstd')).toThrow(
      /zstd object s3:\/\/b\/k.zstd could not be decompressed/,
    );
    expect(() => decompress('zstd', zstdCompressSync('x'.repeat(5000)), 100)).toThrow(S3ObjectTooLargeError);
  });
});

describe('gunzipFileSync and the object fd', () => {
  it('leaves the caller its fd open when the object is corrupt (the caller closes it once)', () => {
    writeFileSync(path.join(folder, 'object'), 'not gzip');
    const fd = openSync(path.join(folder, 'object'), 'r');
    expect(() =>
      gunzipFileSync({ fd, target: path.join(folder, 'out'), object: 's3://b/k.gz', maxBytes: 100 }),
    ).toThrow(S3ObjectCorruptError);
    expect(() => closeSync(fd)).not.toThrow();
  });
});
