/**
 * Writes the rows of an UNLOAD's SELECT into the local S3 folder, as Redshift names and formats them
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/t_Unloading_tables.html). The files stay inside the
 * local S3 jail: the bucket must be an existing folder with a valid bucket name, every key passes the
 * same checks as COPY's (open-s3-object-file.ts), and no link is followed.
 */
import {
  constants,
  createWriteStream,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { S3ObjectRefusedError } from './errors';
import { bucketNameProblem, keyProblem } from './open-s3-object-file';
import type { UnloadStatement } from './unload-statement';

/** What an UNLOAD wrote: the data files (s3:// URLs with their sizes) and the manifest, if any. */
export interface UnloadResult {
  files: { url: string; bytes: number }[];
  manifest?: string | undefined;
}

/**
 * Redshift's message when files the UNLOAD would write exist and ALLOWOVERWRITE is not given ("By default,
 * UNLOAD fails if it finds files that it would possibly overwrite", r_UNLOAD.html › ALLOWOVERWRITE).
 */
export const unloadDestinationNotEmpty =
  'Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.';

/** Thrown when the destination holds a file the UNLOAD would write and ALLOWOVERWRITE is not given. */
export class UnloadDestinationNotEmptyError extends S3ObjectRefusedError {
  constructor(object: string) {
    super(object, 'it exists and the UNLOAD has no ALLOWOVERWRITE');
    this.message = `${unloadDestinationNotEmpty} (${object} exists)`;
  }
}

/**
 * The key of each data file: PARALLEL OFF writes `<prefix>000`; PARALLEL ON (the default) one file per
 * slice, `<prefix>0000_part_00` (a single slice locally). `EXTENSION` adds `.<ext>`; GZIP adds `.gz`.
 */
export function unloadFileKeys(unload: UnloadStatement): { data: string; manifest: string } {
  let data = `${unload.prefix}${unload.parallel ? '0000_part_00' : '000'}`;
  if (unload.extension !== undefined && unload.extension !== '') data += `.${unload.extension}`;
  if (unload.gzip && !data.endsWith('.gz')) data += '.gz';
  // "The manifest file is written to the same Amazon S3 path prefix as the unload files in the format
  // <object_path_prefix>manifest" (r_UNLOAD.html › MANIFEST).
  return { data, manifest: `${unload.prefix}manifest` };
}

/** A field of a text (delimited) or CSV line, as UNLOAD writes it. */
function formatField(value: string | null, unload: UnloadStatement): string {
  if (value === null) return unload.nullAs;
  if (unload.csv) {
    return /[",\r\n]/.test(value) || value.includes(unload.delimiter)
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  }
  let text = value;
  if (unload.escape) {
    // ESCAPE: a backslash before linefeed, carriage return, the delimiter, backslash, and a quote with ADDQUOTES.
    const special = new Set(['\\', '\n', '\r', unload.delimiter, ...(unload.addQuotes ? ['"', "'"] : [])]);
    text = [...text].map((character) => (special.has(character) ? `\\${character}` : character)).join('');
  }
  return unload.addQuotes ? `"${text}"` : text;
}

function* unloadLines(
  columns: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  unload: UnloadStatement,
): Generator<string> {
  if (unload.header) yield `${columns.map((name) => formatField(name, unload)).join(unload.delimiter)}\n`;
  for (const row of rows) yield `${row.map((value) => formatField(value, unload)).join(unload.delimiter)}\n`;
}

/** The path of `key` in `bucketFolder`, after the jail checks; its folders are created inside the bucket. */
function jailedPath(root: string, unload: UnloadStatement, key: string): string {
  const object = `s3://${unload.bucket}/${key}`;
  const problem = bucketNameProblem(unload.bucket) ?? keyProblem(key);
  if (problem !== undefined) throw new S3ObjectRefusedError(object, problem);
  const bucketFolder = path.join(root, unload.bucket);
  if (!existsSync(bucketFolder) || !statSync(bucketFolder).isDirectory())
    throw new S3ObjectRefusedError(
      object,
      `no bucket ${unload.bucket} in the local S3 folder (create the folder ${bucketFolder})`,
    );
  const segments = key.split('/');
  const folder = path.join(bucketFolder, ...segments.slice(0, -1));
  mkdirSync(folder, { recursive: true });
  const realFolder = realpathSync(folder);
  const relative = path.relative(root, realFolder);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
    throw new S3ObjectRefusedError(object, 'it is under a link that leads out of the local S3 folder');
  const file = path.join(realFolder, segments.at(-1)!);
  if (existsSync(file) && !lstatSync(file).isFile())
    throw new S3ObjectRefusedError(object, 'it is not a regular file');
  return file;
}

/** Opens `file` for writing: never through a link; with O_EXCL unless ALLOWOVERWRITE. */
function openForWrite(file: string, object: string, allowOverwrite: boolean): number {
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    (constants.O_NOFOLLOW ?? 0) |
    (allowOverwrite ? constants.O_TRUNC : constants.O_EXCL);
  try {
    return openSync(file, flags, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UnloadDestinationNotEmptyError(object);
    throw new S3ObjectRefusedError(object, `it cannot be written (${(error as Error).message})`, {
      cause: error,
    });
  }
}

async function writeObject(
  file: string,
  object: string,
  lines: Iterable<string>,
  unload: UnloadStatement,
  gzip: boolean,
) {
  const fd = openForWrite(file, object, unload.allowOverwrite);
  const source = Readable.from(lines);
  const sink = createWriteStream('', { fd });
  if (gzip) await pipeline(source, createGzip(), sink);
  else await pipeline(source, sink);
  return statSync(file).size;
}

/**
 * Checks where the UNLOAD would write, before anything runs: the jail rules, the bucket folder, and (without
 * ALLOWOVERWRITE) that none of its files exist. Returns the objects and their paths.
 *
 * @throws S3ObjectRefusedError (also UnloadDestinationNotEmptyError) naming the object.
 * @example
 * checkUnloadDestination('/tmp/s3', unload); // throws when s3://b/p/0000_part_00 exists and ALLOWOVERWRITE is not given
 */
export function checkUnloadDestination(s3Root: string, unload: UnloadStatement) {
  const root = realpathSync(s3Root);
  const keys = unloadFileKeys(unload);
  const dataObject = `s3://${unload.bucket}/${keys.data}`;
  const manifestObject = `s3://${unload.bucket}/${keys.manifest}`;
  const dataFile = jailedPath(root, unload, keys.data);
  const manifestFile = unload.manifest ? jailedPath(root, unload, keys.manifest) : undefined;
  if (!unload.allowOverwrite) {
    if (existsSync(dataFile)) throw new UnloadDestinationNotEmptyError(dataObject);
    if (manifestFile !== undefined && existsSync(manifestFile))
      throw new UnloadDestinationNotEmptyError(manifestObject);
  }
  return { dataObject, manifestObject, dataFile, manifestFile };
}

/**
 * Writes the SELECT's `rows` (PostgreSQL text, null for NULL) with their `columns` as the UNLOAD says,
 * under `s3Root`, and the manifest when MANIFEST is given. Every destination is checked before the first
 * byte is written, so an UNLOAD refused for an existing file writes nothing.
 *
 * @throws S3ObjectRefusedError (also UnloadDestinationNotEmptyError) naming the object.
 * @example
 * await writeUnloadFiles('/tmp/s3', unload, ['id'], [['1'], ['2']]); // { files: [{ url: 's3://b/p/0000_part_00', bytes: 4 }] }
 */
export async function writeUnloadFiles(
  s3Root: string,
  unload: UnloadStatement,
  columns: readonly string[],
  rows: readonly (readonly (string | null)[])[],
): Promise<UnloadResult> {
  const { dataObject, manifestObject, dataFile, manifestFile } = checkUnloadDestination(s3Root, unload);
  const bytes = await writeObject(
    dataFile,
    dataObject,
    unloadLines(columns, rows, unload),
    unload,
    unload.gzip,
  );
  const files = [{ url: dataObject, bytes }];
  if (manifestFile === undefined) return { files };
  // The manifest lists each file's URL with meta.content_length, its size in bytes
  // (https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html › Using a manifest created by UNLOAD).
  const manifest = {
    entries: files.map((file) => ({ url: file.url, meta: { content_length: file.bytes } })),
  };
  await writeObject(manifestFile, manifestObject, [JSON.stringify(manifest)], unload, false);
  return { files, manifest: manifestObject };
}
