/**
 * Packs a closed PGlite data dir into a gzipped ustar archive and unpacks it, with Node's own zlib
 * and file calls (no tar dependency). Only what a data dir holds: folders and regular files with
 * paths under 100 bytes. `tar tzf` lists such an archive, which helps when one needs a look inside.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { EngineError } from './errors';

const blockSize = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, type: '0' | '5', mode: number): Buffer {
  if (Buffer.byteLength(name) >= 100) {
    throw new EngineError(
      'pglite',
      `archive: path ${name} is 100 bytes or longer, which this packer does not write`,
    );
  }
  const block = Buffer.alloc(blockSize);
  block.write(name, 0, 'utf8');
  block.write(octal(mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(0, 12), 136, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  // The checksum is computed with its own field as spaces.
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** Relative paths of the folders and files under `root`, parents before children, sorted. */
function entries(root: string, relative = ''): { name: string; folder: boolean }[] {
  const found: { name: string; folder: boolean }[] = [];
  const names = readdirSync(path.join(root, relative)).sort();
  for (const name of names) {
    const child = relative === '' ? name : `${relative}/${name}`;
    const stats = statSync(path.join(root, child));
    if (stats.isDirectory()) {
      found.push({ name: child, folder: true });
      found.push(...entries(root, child));
    } else if (stats.isFile()) {
      found.push({ name: child, folder: false });
    }
  }
  return found;
}

/**
 * Packs the folders and files under `root` (except the relative paths in `exclude`) into a
 * gzipped ustar archive.
 *
 * @example
 * writeFileSync('image.tgz', packDataDir('/tmp/data', ['redshift-local']));
 */
export function packDataDir(root: string, exclude: readonly string[] = []): Buffer {
  const excluded = (name: string) =>
    exclude.some((prefix) => name === prefix || name.startsWith(`${prefix}/`));
  const blocks: Buffer[] = [];
  for (const entry of entries(root)) {
    if (excluded(entry.name)) continue;
    if (entry.folder) {
      blocks.push(header(`${entry.name}/`, 0, '5', 0o700));
      continue;
    }
    const content = readFileSync(path.join(root, entry.name));
    blocks.push(header(entry.name, content.length, '0', 0o600), content);
    const padding = (blockSize - (content.length % blockSize)) % blockSize;
    if (padding > 0) blocks.push(Buffer.alloc(padding));
  }
  blocks.push(Buffer.alloc(blockSize * 2));
  return gzipSync(Buffer.concat(blocks));
}

function field(block: Buffer, start: number, end: number): string {
  const slice = block.subarray(start, end);
  const zero = slice.indexOf(0);
  return slice.subarray(0, zero < 0 ? slice.length : zero).toString('utf8');
}

/**
 * Unpacks a {@link packDataDir} archive into `target`, writing the files named in `last` after all
 * the others (PostgreSQL's `PG_VERSION`: a data dir cut off while unpacking then does not look
 * complete). Throws `EngineError` on an archive it cannot read or a path outside `target`.
 *
 * @example
 * unpackDataDir(readFileSync('image.tgz'), '/tmp/new-data', ['PG_VERSION']);
 */
export function unpackDataDir(archive: Buffer, target: string, last: readonly string[] = []): void {
  const tar = gunzipSync(archive);
  const deferred: { file: string; content: Buffer }[] = [];
  let offset = 0;
  while (offset + blockSize <= tar.length) {
    const block = tar.subarray(offset, offset + blockSize);
    if (block.every((byte) => byte === 0)) {
      writeDeferred(deferred);
      return;
    }
    const name = field(block, 0, 100).replace(/\/$/, '');
    const size = Number.parseInt(field(block, 124, 136).trim() || '0', 8);
    const type = field(block, 156, 157);
    const file = path.resolve(target, name);
    if (
      !Number.isSafeInteger(size) ||
      (file !== target && !file.startsWith(`${path.resolve(target)}${path.sep}`))
    ) {
      throw new EngineError(
        'pglite',
        `archive: entry ${JSON.stringify(name)} at byte ${offset} is not valid`,
      );
    }
    const content = tar.subarray(offset + blockSize, offset + blockSize + size);
    if (type === '5') mkdirSync(file, { recursive: true });
    else if (type === '0' || type === '') {
      if (last.includes(name)) deferred.push({ file, content });
      else {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    } else {
      throw new EngineError(
        'pglite',
        `archive: entry ${name} has type ${JSON.stringify(type)}, not a file or folder`,
      );
    }
    offset += blockSize + Math.ceil(size / blockSize) * blockSize;
  }
  throw new EngineError('pglite', 'archive: it ends without its end-of-archive blocks (truncated?)');
}

function writeDeferred(files: { file: string; content: Buffer }[]): void {
  for (const { file, content } of files) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}
