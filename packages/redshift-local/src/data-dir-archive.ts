/**
 * Packs a closed PGlite data dir into a gzipped ustar archive and unpacks it, with Node's own zlib
 * and file calls (no tar dependency). Only what a data dir holds: folders and regular files with
 * paths under 100 bytes. `tar tzf` lists such an archive, which helps when one needs a look inside.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzipSync } from 'node:zlib';
import { EngineError } from './errors';

const blockSize = 512;
const gunzipAsync = promisify(gunzip);

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

interface ArchiveEntry {
  /** The path inside the archive. */
  name: string;
  /** The path it is written to, inside the target folder. */
  file: string;
  type: 'folder' | 'file';
  content: Buffer;
}

/**
 * The entries of an uncompressed archive, every one checked before anything is written: a path outside
 * `target`, an entry of another type or an archive without its end blocks throws `EngineError`.
 */
function readEntries(tar: Buffer, target: string): ArchiveEntry[] {
  const root = path.resolve(target);
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  while (offset + blockSize <= tar.length) {
    const block = tar.subarray(offset, offset + blockSize);
    if (block.every((byte) => byte === 0)) return entries;
    const name = field(block, 0, 100).replace(/\/$/, '');
    const size = Number.parseInt(field(block, 124, 136).trim() || '0', 8);
    const type = field(block, 156, 157);
    const file = path.resolve(root, name);
    if (!Number.isSafeInteger(size) || (file !== root && !file.startsWith(`${root}${path.sep}`))) {
      throw new EngineError(
        'pglite',
        `archive: entry ${JSON.stringify(name)} at byte ${offset} is not valid`,
      );
    }
    if (type !== '5' && type !== '0' && type !== '') {
      throw new EngineError(
        'pglite',
        `archive: entry ${name} has type ${JSON.stringify(type)}, not a file or folder`,
      );
    }
    const content = tar.subarray(offset + blockSize, offset + blockSize + size);
    entries.push({ name, file, type: type === '5' ? 'folder' : 'file', content });
    offset += blockSize + Math.ceil(size / blockSize) * blockSize;
  }
  throw new EngineError('pglite', 'archive: it ends without its end-of-archive blocks (truncated?)');
}

/** Writes `files`, up to `concurrency` at a time; when one fails, the others end and the first error is thrown. */
async function writeFiles(files: readonly ArchiveEntry[], concurrency: number): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < files.length) {
      const entry = files[next++]!;
      try {
        await writeFile(entry.file, entry.content);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(concurrency, files.length) }, lane));
  const rejected = lanes.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/**
 * Unpacks a {@link packDataDir} archive into `target`, writing the files named in `last` after all
 * the others (PostgreSQL's `PG_VERSION`: a data dir cut off while unpacking then does not look
 * complete). Decompression and writes run on libuv's thread pool, several files at a time, so the
 * calling thread goes on meanwhile (the local app generates its sample while a new engine unpacks:
 * 38 MiB of files, 0.2-1.7 s of mostly kernel time on a busy 2-core machine). Rejects with
 * `EngineError`, before writing anything, on an archive it cannot read or a path outside `target`.
 *
 * @example
 * await unpackDataDir(readFileSync('image.tgz'), '/tmp/new-data', ['PG_VERSION']);
 */
export async function unpackDataDir(
  archive: Buffer,
  target: string,
  last: readonly string[] = [],
): Promise<void> {
  const entries = readEntries(await gunzipAsync(archive), target);
  const folders = new Set(
    entries.map((entry) => (entry.type === 'folder' ? entry.file : path.dirname(entry.file))),
  );
  // Parents before children: sorted, a folder's path comes before the paths under it.
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  const files = entries.filter((entry) => entry.type === 'file');
  await writeFiles(
    files.filter((entry) => !last.includes(entry.name)),
    8,
  );
  await writeFiles(
    files.filter((entry) => last.includes(entry.name)),
    1,
  );
}
