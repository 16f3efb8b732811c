/**
 * A PGlite data dir prepared at build time: initdb, the `dev` database and the Redshift dialect's
 * compatibility SQL already in it (`dist/prepared-data-dir.tgz`, with `prepared-data-dir.json`
 * naming what it holds). A new data dir is unpacked from it instead of running initdb and the
 * compatibility SQL (seconds on a busy machine); a data dir whose compatibility SQL is the current
 * one does not run it again on open. The image is used only when its manifest names the same
 * database, the same compatibility SQL (SHA-256) and the same PGlite version as the engine's, and
 * the archive's own SHA-256 matches: otherwise the data dir is created the slow way, as before,
 * and {@link PreparedDataDir.reason} says why.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { unpackDataDir } from './data-dir-archive';
import { databaseMarkerFile } from './open-pglite-database';

declare const __dirname: string | undefined;
declare const __filename: string | undefined;

/** File names of the image in its folder (the package's `dist/`). */
export const preparedImageNames = {
  archive: 'prepared-data-dir.tgz',
  manifest: 'prepared-data-dir.json',
} as const;

/** What the image holds; written by the build next to the archive. */
export const preparedImageManifestSchema = z.object({
  format: z.literal(1),
  database: z.string().min(1),
  pgliteVersion: z.string().min(1),
  /** {@link setupSqlDigest} of the compatibility SQL run in the image. */
  setupSqlSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the archive file itself. */
  archiveSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PreparedImageManifest = z.infer<typeof preparedImageManifestSchema>;

/** How a data dir came to be opened, and the setup SQL the open must still run. */
export interface PreparedDataDir {
  source: 'existing' | 'image' | 'initdb';
  /** The setup SQL to run on this open: none when the data dir already holds the current one. */
  setupSql: string[];
  /** {@link setupSqlDigest} of the engine's setup SQL, recorded once it has run. */
  digest: string;
  /** Why a new data dir was not unpacked from the image. */
  reason?: string;
}

function moduleDirectory(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

/** The installed PGlite's version (an image from another version is not used). */
export function pgliteVersion(): string {
  const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  let directory = path.dirname(require.resolve('@electric-sql/pglite'));
  for (;;) {
    const file = path.join(directory, 'package.json');
    if (existsSync(file)) {
      const parsed = z
        .object({ name: z.string(), version: z.string() })
        .safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success && parsed.data.name === '@electric-sql/pglite') return parsed.data.version;
    }
    const parent = path.dirname(directory);
    if (parent === directory) return 'unknown';
    directory = parent;
  }
}

/**
 * SHA-256 naming the setup SQL as it lands in a data dir: the statements, the database they ran
 * in (the SQL sets its default search_path) and the PGlite version.
 */
export function setupSqlDigest(
  setupSql: readonly string[],
  database: string,
  version = pgliteVersion(),
): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ database, pgliteVersion: version, setupSql }));
  return hash.digest('hex');
}

/** The folder holding the built image: next to this module in `dist/`, or `dist/` when running from `src/`. */
export function defaultPreparedImageDirectory(): string {
  const here = moduleDirectory();
  const candidates = [here, path.join(here, '..', 'dist')];
  return candidates.find((folder) => existsSync(path.join(folder, preparedImageNames.manifest))) ?? here;
}

function setupMarkerFile(dataDir: string): string {
  return path.join(dataDir, 'redshift-local', 'setup-sql-sha256');
}

/** Records that `dataDir` holds the setup SQL named by `digest` (its next open skips it). */
export function recordSetupApplied(dataDir: string, digest: string): void {
  const marker = setupMarkerFile(dataDir);
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(`${marker}.tmp`, digest);
  renameSync(`${marker}.tmp`, marker);
}

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Checks the image in `directory` against what the engine would create; returns the archive's
 * bytes when it may be used, else why not.
 */
export function checkPreparedImage(
  directory: string,
  expected: { database: string; digest: string; pgliteVersion: string },
): { archive: Buffer } | { reason: string } {
  const manifestFile = path.join(directory, preparedImageNames.manifest);
  const archiveFile = path.join(directory, preparedImageNames.archive);
  if (!existsSync(manifestFile) || !existsSync(archiveFile)) {
    return { reason: `no prepared image in ${directory} (build the package to make one)` };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    return {
      reason: `${manifestFile} is not JSON (${error instanceof Error ? error.message : String(error)}): rebuild`,
    };
  }
  const parsed = preparedImageManifestSchema.safeParse(json);
  if (!parsed.success)
    return { reason: `${manifestFile} is not a prepared-image manifest: ${parsed.error.message}` };
  const manifest = parsed.data;
  if (manifest.database !== expected.database) {
    return { reason: `the prepared image holds database ${manifest.database}, not ${expected.database}` };
  }
  if (manifest.pgliteVersion !== expected.pgliteVersion) {
    return {
      reason: `the prepared image was made with PGlite ${manifest.pgliteVersion}, not the installed ${expected.pgliteVersion}`,
    };
  }
  if (manifest.setupSqlSha256 !== expected.digest) {
    return {
      reason: 'the prepared image holds other compatibility SQL than the engine runs (stale image: rebuild)',
    };
  }
  const archive = readFileSync(archiveFile);
  const archiveSha256 = createHash('sha256').update(archive).digest('hex');
  if (archiveSha256 !== manifest.archiveSha256) {
    return { reason: `${archiveFile} does not match its manifest's SHA-256 (damaged or replaced: rebuild)` };
  }
  return { archive };
}

/**
 * Makes `dataDir` ready for the PGlite worker: a data dir without `PG_VERSION` is unpacked from the
 * prepared image when it fits, and the setup SQL to run is none when the data dir already holds it.
 * Call it with the data dir locked.
 *
 * @example
 * const prepared = await prepareDataDir({ dataDir, database: 'dev', setupSql: dialect.compatibilitySql });
 * // prepared.source: 'image' on a new data dir, prepared.setupSql: [] then
 */
export async function prepareDataDir(options: {
  dataDir: string;
  database: string;
  setupSql: readonly string[];
  imageDirectory?: string | undefined;
}): Promise<PreparedDataDir> {
  const version = pgliteVersion();
  const digest = setupSqlDigest(options.setupSql, options.database, version);
  const setupSql = [...options.setupSql];
  if (existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    const applied = readText(setupMarkerFile(options.dataDir)) === digest;
    return { source: 'existing', setupSql: applied ? [] : setupSql, digest };
  }
  // No database yet (or one cut off while unpacking): markers of an earlier attempt no longer hold.
  rmSync(setupMarkerFile(options.dataDir), { force: true });
  rmSync(databaseMarkerFile(options.dataDir), { force: true });
  const checked = checkPreparedImage(options.imageDirectory ?? defaultPreparedImageDirectory(), {
    database: options.database,
    digest,
    pgliteVersion: version,
  });
  if ('reason' in checked) return { source: 'initdb', setupSql, digest, reason: checked.reason };
  // Markers first, PG_VERSION last: a data dir cut off while unpacking has no PG_VERSION and starts over.
  const databaseMarker = databaseMarkerFile(options.dataDir);
  mkdirSync(path.dirname(databaseMarker), { recursive: true });
  writeFileSync(databaseMarker, options.database);
  recordSetupApplied(options.dataDir, digest);
  await unpackDataDir(checked.archive, options.dataDir, ['PG_VERSION']);
  return { source: 'image', setupSql: [], digest };
}
