import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Packs the package as it would be published, installs the tarball with npm in a project outside the
// workspace (its dependencies come from the registry or npm's cache; without either this fails loudly),
// then imports it from ESM and CommonJS on this Node, and bundles an ESM consumer with esbuild (the
// repository's own esbuild, a root devDependency).
const packageDirectory = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
let project: string;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 240_000,
  });
}

function pnpm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  if (execPath !== undefined && /pnpm\.c?js$/.test(execPath))
    return run(process.execPath, [execPath, ...args], cwd);
  return run('pnpm', args, cwd);
}

const consumerScript = (load: string) => `${load}
const { sql, RedshiftDataApi, RedshiftData, InvalidTargetError, RedshiftDataError, createRowDecoder } = dataApi;
const statement = sql\`select * from trips where vendor_id = \${2} and paid = \${true}\`;
const composed = sql\`insert into notes values (\${null}, \${''}, \${sql\`\${1}\`}) -- \${[1, 2]}\`;
let targetError;
try {
  new RedshiftData({ target: { clusterIdentifier: 'c1', workgroupName: 'w1', database: 'dev' } });
} catch (error) {
  targetError = { name: error.name, code: error.code, isInvalidTarget: error instanceof InvalidTargetError, isBase: error instanceof RedshiftDataError, message: error.message };
}
const client = new RedshiftDataApi({ target: { workgroupName: 'w1', database: 'dev' }, clientConfig: { region: 'us-east-1' } });
const rows = createRowDecoder([{ name: 'n', typeName: 'int8' }]).decodeRecords([[{ longValue: 5 }]]);
console.log(JSON.stringify({ statement, composed: composed.sql, targetError, connection: client.connection, n: String(rows[0].n), type: typeof rows[0].n, alias: client instanceof RedshiftData }));
`;

const expected = {
  statement: {
    sql: 'select * from trips where vendor_id = :p1 and paid = :p2',
    parameters: [
      { name: 'p1', value: '2' },
      { name: 'p2', value: 'true' },
    ],
  },
  targetError: {
    name: 'InvalidTargetError',
    code: 'INVALID_TARGET',
    isInvalidTarget: true,
    isBase: true,
    message: 'target has both clusterIdentifier "c1" and workgroupName "w1"; give exactly one',
  },
  composed: "insert into notes values (NULL, '', :p1) -- (:p2, :p3)",
  connection: { WorkgroupName: 'w1', Database: 'dev' },
  n: '5',
  type: 'number',
  alias: true,
};

describe('the packed package', () => {
  beforeAll(() => {
    if (!existsSync(path.join(packageDirectory, 'dist', 'index.cjs'))) {
      throw new Error('dist/ is missing: run `pnpm --filter @shiftflow/data-api build` before this test');
    }
    project = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-data-api-consumer-'));
    pnpm(['pack', '--pack-destination', project], packageDirectory);
    const tarball = readdirSync(project).find((file) => file.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball to ${project}`);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    run(
      'npm',
      [
        'install',
        `./${tarball}`,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--loglevel=error',
      ],
      project,
    );
    writeFileSync(
      path.join(project, 'esm.mjs'),
      consumerScript("import * as dataApi from '@shiftflow/data-api';"),
    );
    writeFileSync(
      path.join(project, 'cjs.cjs'),
      consumerScript("const dataApi = require('@shiftflow/data-api');"),
    );
  });

  afterAll(() => {
    if (project !== undefined) rmSync(project, { recursive: true, force: true });
  });

  it('works from an ES module', () => {
    expect(JSON.parse(run(process.execPath, ['esm.mjs'], project))).toEqual(expected);
  });

  it('works from CommonJS', () => {
    expect(JSON.parse(run(process.execPath, ['cjs.cjs'], project))).toEqual(expected);
  });

  // An ESM consumer bundled into one file with esbuild, as the README's Bundling section says: the AWS
  // SDK's CommonJS parts need either the SDK's ESM builds (mainFields) or a `require` from the banner.
  it.each([
    ['preferring the ESM builds (--main-fields=module,main)', { mainFields: ['module', 'main'] }],
    [
      'with the createRequire banner',
      {
        banner: {
          js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        },
      },
    ],
  ])('works bundled into one ESM file by esbuild %s', async (_label, options) => {
    const outfile = path.join(project, `bundle-${'mainFields' in options ? 'main-fields' : 'banner'}.mjs`);
    await build({
      entryPoints: [path.join(project, 'esm.mjs')],
      absWorkingDir: project,
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'silent',
      ...options,
    });
    expect(readFileSync(outfile, 'utf8')).not.toContain("from '@shiftflow/data-api'");
    expect(JSON.parse(run(process.execPath, [outfile], project))).toEqual(expected);
  });

  it('ships dist, package.json and the README, and no sources or tests', () => {
    const files = readdirSync(path.join(project, 'node_modules', '@shiftflow', 'data-api'));
    expect(files).toEqual(expect.arrayContaining(['README.md', 'dist', 'package.json']));
    for (const unwanted of ['src', 'test', 'tsconfig.json', 'tsup.config.ts'])
      expect(files).not.toContain(unwanted);
  });
});
