/**
 * Build step (`node dist/build-prepared-image.js`, after tsup): makes the prepared PGlite data dir
 * next to itself in `dist/` — initdb, the `dev` database and the Redshift dialect's compatibility
 * SQL — as `prepared-data-dir.tgz` with its manifest `prepared-data-dir.json` (see
 * prepared-data-dir.ts). Rebuilt with every build, so it holds the compatibility SQL of the same
 * build; an engine checks the manifest against its own SQL before using the image.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packDataDir } from './data-dir-archive';
import { openPgliteDatabase } from './open-pglite-database';
import {
  type PreparedImageManifest,
  pgliteVersion,
  preparedImageManifestSchema,
  preparedImageNames,
  setupSqlDigest,
} from './prepared-data-dir';
import { redshiftDialect } from './redshift-dialect';

declare const __dirname: string | undefined;

/** The database the image holds: the engine's default. */
const imageDatabase = 'dev';

/**
 * Writes the image and its manifest into `outputDirectory`; returns the manifest.
 *
 * @example
 * await buildPreparedImage('dist'); // dist/prepared-data-dir.tgz, dist/prepared-data-dir.json
 */
export async function buildPreparedImage(outputDirectory: string): Promise<PreparedImageManifest> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-image-'));
  try {
    const instance = await openPgliteDatabase(dataDir, imageDatabase);
    try {
      for (const sql of redshiftDialect.compatibilitySql) await instance.exec(sql);
      await instance.exec('checkpoint');
    } finally {
      await instance.close();
    }
    // redshift-local/ holds this open's marker, which the engine writes itself when it unpacks.
    const archive = packDataDir(dataDir, ['redshift-local', 'postmaster.pid']);
    const version = pgliteVersion();
    const manifest = preparedImageManifestSchema.parse({
      format: 1,
      database: imageDatabase,
      pgliteVersion: version,
      setupSqlSha256: setupSqlDigest(redshiftDialect.compatibilitySql, imageDatabase, version),
      archiveSha256: createHash('sha256').update(archive).digest('hex'),
    });
    const archiveFile = path.join(outputDirectory, preparedImageNames.archive);
    const manifestFile = path.join(outputDirectory, preparedImageNames.manifest);
    writeFileSync(`${archiveFile}.tmp`, archive);
    renameSync(`${archiveFile}.tmp`, archiveFile);
    writeFileSync(`${manifestFile}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(`${manifestFile}.tmp`, manifestFile);
    return manifest;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const thisFile = typeof __dirname === 'string' ? undefined : fileURLToPath(import.meta.url);
if (thisFile !== undefined && process.argv[1] !== undefined && path.resolve(process.argv[1]) === thisFile) {
  const started = performance.now();
  const output = path.dirname(thisFile);
  buildPreparedImage(output).then(
    (manifest) =>
      console.log(
        `prepared data dir: ${path.join(output, preparedImageNames.archive)} (PGlite ${manifest.pgliteVersion}, database ${manifest.database}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      ),
    (error: unknown) => {
      console.error('building the prepared PGlite data dir failed:', error);
      process.exitCode = 1;
    },
  );
}
