import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packDataDir, unpackDataDir } from '../src/data-dir-archive';
import { createPgliteEngine, redshiftDialect } from '../src/index';
import {
  checkPreparedImage,
  pgliteVersion,
  prepareDataDir,
  preparedImageManifestSchema,
  preparedImageNames,
  setupSqlDigest,
} from '../src/prepared-data-dir';

/** The image `pnpm build` writes (tests run from src/, the image is a build output). */
const builtImage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const setupSql = redshiftDialect.compatibilitySql;
let root: string;

function requireBuiltImage(): void {
  if (!existsSync(path.join(builtImage, preparedImageNames.manifest)))
    throw new Error(`${builtImage} has no prepared image: run pnpm --filter @shiftflow/redshift-local build`);
}

/** A copy of the built image whose manifest `change` rewrites. */
function alteredImage(change: (manifest: Record<string, unknown>) => void): string {
  requireBuiltImage();
  const folder = path.join(root, 'image');
  mkdirSync(folder, { recursive: true });
  for (const name of Object.values(preparedImageNames))
    cpSync(path.join(builtImage, name), path.join(folder, name));
  const manifestFile = path.join(folder, preparedImageNames.manifest);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
  change(manifest);
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return folder;
}

function engineOn(dataDir: string) {
  return createPgliteEngine({
    dataDir,
    s3Root: path.join(root, 's3'),
    database: 'dev',
    setupSql,
    searchPath: redshiftDialect.searchPath,
  });
}

async function firstRow(
  engine: ReturnType<typeof engineOn>,
  sql: string,
): Promise<(string | null)[] | undefined> {
  const [outcome] = await engine.run({
    executionId: sql,
    statements: [{ sql, values: [] }],
    transaction: false,
  });
  if (outcome?.status !== 'finished') throw new Error(`${sql}: ${JSON.stringify(outcome)}`);
  return outcome.rows[0];
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'prepared-data-dir-'));
  mkdirSync(path.join(root, 's3'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the prepared data dir image', () => {
  it('holds the current compatibility SQL, for the installed PGlite, and matches its checksum', () => {
    requireBuiltImage();
    const manifest = preparedImageManifestSchema.parse(
      JSON.parse(readFileSync(path.join(builtImage, preparedImageNames.manifest), 'utf8')),
    );
    expect(manifest.database).toBe('dev');
    expect(manifest.pgliteVersion).toBe(pgliteVersion());
    // Fails when src/dialect changed after the last build: the image is stale.
    expect(manifest.setupSqlSha256).toBe(setupSqlDigest(setupSql, 'dev'));
    const checked = checkPreparedImage(builtImage, {
      database: 'dev',
      digest: setupSqlDigest(setupSql, 'dev'),
      pgliteVersion: pgliteVersion(),
    });
    expect('reason' in checked ? checked.reason : 'usable').toBe('usable');
  });

  it('starts a new data dir with the compatibility SQL in place, and a reopen does not run it again', async () => {
    const dataDir = path.join(root, 'engine');
    const engine = engineOn(dataDir);
    await engine.open();
    try {
      expect(engine.preparedDataDir()).toMatchObject({ source: 'image', setupSql: [] });
      // Compatibility objects, the served database and its default search_path all came with the image.
      expect(
        await firstRow(
          engine,
          "select current_database(), nvl(null::int, 7), date_trunc('month', date '2026-12-06')",
        ),
      ).toEqual(['dev', '7', '2026-12-01 00:00:00']);
      await firstRow(engine, 'create table kept (id int)');
    } finally {
      await engine.close();
    }
    const reopened = engineOn(dataDir);
    await reopened.open();
    try {
      expect(reopened.preparedDataDir()).toMatchObject({ source: 'existing', setupSql: [] });
      expect(await firstRow(reopened, "select count(*) from pg_class where relname = 'kept'")).toEqual(['1']);
      expect(await firstRow(reopened, 'select getdate() is not null')).toEqual(['t']);
    } finally {
      await reopened.close();
    }
  });

  it('runs the compatibility SQL once on a data dir that does not record it, then records it', async () => {
    const dataDir = path.join(root, 'engine');
    const first = engineOn(dataDir);
    await first.open();
    await first.close();
    const marker = path.join(dataDir, 'redshift-local', 'setup-sql-sha256');
    rmSync(marker);
    const second = engineOn(dataDir);
    await second.open();
    await second.close();
    expect(second.preparedDataDir()).toMatchObject({ source: 'existing', setupSql });
    expect(readFileSync(marker, 'utf8')).toBe(setupSqlDigest(setupSql, 'dev'));
  });
});

describe('a prepared image that does not fit is not used', () => {
  const prepare = (imageDirectory: string, sql = setupSql, database = 'dev') =>
    prepareDataDir({ dataDir: path.join(root, 'engine'), database, setupSql: sql, imageDirectory });

  it('other compatibility SQL (a stale image): initdb, and the SQL runs on open', async () => {
    const image = alteredImage((manifest) => {
      manifest.setupSqlSha256 = '0'.repeat(64);
    });
    const prepared = await prepare(image);
    expect(prepared).toMatchObject({ source: 'initdb', setupSql });
    expect(prepared.reason).toMatch(/stale image/);
    expect(existsSync(path.join(root, 'engine', 'PG_VERSION'))).toBe(false);
  });

  it('an archive that does not match its checksum', async () => {
    const image = alteredImage(() => undefined);
    const archive = path.join(image, preparedImageNames.archive);
    const bytes = readFileSync(archive);
    bytes[bytes.length - 9] = (bytes[bytes.length - 9] ?? 0) ^ 0xff;
    writeFileSync(archive, bytes);
    expect((await prepare(image)).reason).toMatch(/does not match its manifest's SHA-256/);
  });

  it('another PGlite version, another database, other setup SQL, a broken or missing manifest', async () => {
    const otherVersion = alteredImage((manifest) => {
      manifest.pgliteVersion = '0.0.1';
    });
    expect((await prepare(otherVersion)).reason).toMatch(/PGlite 0\.0\.1/);
    rmSync(path.join(root, 'image'), { recursive: true });
    expect((await prepare(builtImage, setupSql, 'analytics')).reason).toMatch(/database dev, not analytics/);
    expect((await prepare(builtImage, [])).reason).toMatch(/other compatibility SQL/);
    const broken = alteredImage(() => undefined);
    writeFileSync(path.join(broken, preparedImageNames.manifest), '{');
    expect((await prepare(broken)).reason).toMatch(/is not JSON/);
    expect((await prepare(path.join(root, 'nowhere'))).reason).toMatch(/no prepared image/);
  });
});

describe('data dir archive', () => {
  it('round-trips folders and files, leaving out the excluded ones', async () => {
    const source = path.join(root, 'source');
    mkdirSync(path.join(source, 'base', '5'), { recursive: true });
    mkdirSync(path.join(source, 'empty'));
    mkdirSync(path.join(source, 'skip'));
    writeFileSync(path.join(source, 'PG_VERSION'), '18\n');
    writeFileSync(path.join(source, 'base', '5', '1259'), Buffer.alloc(8192 + 17, 7));
    writeFileSync(path.join(source, 'skip', 'x'), 'x');
    const target = path.join(root, 'target');
    await unpackDataDir(packDataDir(source, ['skip']), target, ['PG_VERSION']);
    expect(readFileSync(path.join(target, 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect(readFileSync(path.join(target, 'base', '5', '1259'))).toEqual(Buffer.alloc(8192 + 17, 7));
    expect(existsSync(path.join(target, 'empty'))).toBe(true);
    expect(existsSync(path.join(target, 'skip'))).toBe(false);
  });

  it('refuses an entry outside the target before writing any file, naming it', async () => {
    const source = path.join(root, 'escape-source');
    mkdirSync(source);
    writeFileSync(path.join(source, 'a'), 'first');
    writeFileSync(path.join(source, 'b'), 'second');
    const tar = gunzipSync(packDataDir(source));
    // The second entry's name (after the first header and its one block of content) leaves the target.
    tar.write('../b\0', 1024, 'utf8');
    const target = path.join(root, 'escape-target');
    await expect(unpackDataDir(gzipSync(tar), target)).rejects.toThrow(
      /entry "\.\.\/b" at byte 1024 is not valid/,
    );
    expect(existsSync(path.join(target, 'a'))).toBe(false);
    expect(existsSync(path.join(root, 'b'))).toBe(false);
  });
});
