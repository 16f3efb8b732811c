// The consumer test: every published package is packed as `pnpm publish` would pack it,
// installed with npm from the tarballs into a project in the system temp directory, and used from
// there by plain Node processes, the way a user's project uses them. The consumer scripts live in
// ./consumer and report what they observe on a `RESULT <json>` line; this file asserts on it.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consumerEnvironment,
  isolatedDirectory,
  type ProcessOutput,
  resultOf,
  runProgram,
  systemNode,
} from './support/consumer-project';
import { pack } from './support/pack';
import { readmeExamplesProgram } from './support/readme-examples';
import { typeScriptConsumer } from './support/typescript-consumer';
import { publishedPackages, repositoryRoot } from './support/workspace';

const scripts = path.join(import.meta.dirname, 'consumer');
const published = publishedPackages();
const pipelineConfig = JSON.parse(
  readFileSync(path.join(repositoryRoot, 'shiftflow.config.json'), 'utf8'),
) as {
  name: string;
  setupFiles: string[];
};
const statusChangeFixture = JSON.parse(
  readFileSync(
    path.join(repositoryRoot, 'packages/events/src/__fixtures__/status-change-finished.json'),
    'utf8',
  ),
) as { detail: { statementId: string } };

const rootManifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const typesNodeVersion = rootManifest.devDependencies['@types/node'];
// The repository's TypeScript compiler is only the tool; what it checks resolves from the consumer project.
const typeScriptCompiler = createRequire(path.join(repositoryRoot, 'package.json')).resolve(
  'typescript/lib/tsc.js',
);

let tarballs: string;
let project: string;
let scratch: string;
let installOutput: ProcessOutput;

beforeAll(async () => {
  tarballs = isolatedDirectory('shiftflow-tarballs-');
  project = isolatedDirectory('shiftflow-consumer-');
  scratch = isolatedDirectory('shiftflow-consumer-scratch-');
  const files = published.map((workspacePackage) => pack(workspacePackage, tarballs));
  writeFileSync(
    path.join(project, 'package.json'),
    `${JSON.stringify({ name: 'shiftflow-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  // All tarballs in one install: npm satisfies the packages' dependencies on each other with them.
  // @types/node is what a TypeScript consumer adds (redshift-local's types use node:http).
  installOutput = await runProgram(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...files, `@types/node@${typesNodeVersion}`],
    {
      cwd: project,
      env: consumerEnvironment(scratch),
      timeoutMs: 150_000,
    },
  );
  // The consumer scripts, a real status-change payload, and the pipeline's own files (config and
  // setup SQL), as a user's project would hold them.
  for (const file of readdirSync(scripts)) cpSync(path.join(scripts, file), path.join(project, file));
  cpSync(
    path.join(repositoryRoot, 'packages/events/src/__fixtures__/status-change-finished.json'),
    path.join(project, 'status-change-finished.json'),
  );
  cpSync(path.join(repositoryRoot, 'shiftflow.config.json'), path.join(project, 'shiftflow.config.json'));
  for (const file of pipelineConfig.setupFiles) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    cpSync(path.join(repositoryRoot, file), path.join(project, file));
  }
  mkdirSync(path.join(project, 'types'));
  for (const [file, text] of Object.entries(typeScriptConsumer))
    writeFileSync(path.join(project, file), text);
  // data-api's README examples, verbatim, as one program (type-checked with the TypeScript consumer).
  writeFileSync(
    path.join(project, 'types', 'readme-examples.mts'),
    readmeExamplesProgram(readFileSync(path.join(repositoryRoot, 'packages/data-api/README.md'), 'utf8')),
  );
});

afterAll(async () => {
  await Promise.all(
    [tarballs, project, scratch].flatMap((directory) =>
      directory ? [rm(directory, { recursive: true, force: true })] : [],
    ),
  );
});

/** Runs a consumer script of the project with `node`, giving it a fresh scratch folder, and returns what it reported. */
async function consume(node: string, script: string): Promise<Record<string, unknown>> {
  const run = isolatedDirectory('shiftflow-consumer-run-');
  try {
    return resultOf(
      await runProgram(node, [script, run], {
        cwd: project,
        env: consumerEnvironment(scratch),
        timeoutMs: 120_000,
      }),
    );
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}

const installed = (name: string, file: string) => path.join(project, 'node_modules', name, file);

describe('the published packages installed from their tarballs into a project outside the workspace', () => {
  it('installs each @shiftflow package exactly once, from its tarball, at its workspace version', () => {
    const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; resolved?: string }>;
    };
    const shiftflowEntries = Object.entries(lock.packages).filter(([location]) =>
      location.includes('node_modules/@shiftflow/'),
    );
    expect(shiftflowEntries.map(([location]) => location).sort(), installOutput.stderr).toEqual(
      published.map((entry) => `node_modules/${entry.manifest.name}`).sort(),
    );
    for (const { manifest } of published) {
      const entry = lock.packages[`node_modules/${manifest.name}`];
      expect(entry?.version, manifest.name).toBe(manifest.version);
      expect(entry?.resolved, manifest.name).toMatch(/^file:.*\.tgz$/);
    }
  });
});

describe('a TypeScript consumer of the installed packages', () => {
  it('type-checks ESM (.mts) and CommonJS (.cts) code with module nodenext, and rejects misuse', async () => {
    const options = { cwd: project, env: consumerEnvironment(scratch), timeoutMs: 120_000 };
    const listed = await runProgram(
      process.execPath,
      [typeScriptCompiler, '-p', project, '--listFilesOnly'],
      options,
    );
    const files = listed.stdout.split('\n');
    // The types come from the installed tarballs: ESM declarations for .mts, CommonJS ones for .cts.
    for (const name of ['data-api', 'events', 'redshift-local']) {
      expect(files).toContain(installed(`@shiftflow/${name}`, 'dist/index.d.ts'));
      expect(files).toContain(installed(`@shiftflow/${name}`, 'dist/index.d.cts'));
    }
    for (const name of ['elt-runner', 'notifier']) {
      expect(files).toContain(installed(`@shiftflow/${name}`, 'dist/index.d.ts'));
    }
    const checked = await runProgram(process.execPath, [typeScriptCompiler, '-p', project], options);
    expect(checked.stdout).toBe('');
  });
});

const engines = JSON.parse(readFileSync(path.join(repositoryRoot, 'packages/data-api/package.json'), 'utf8'))
  .engines.node as string;
const [floorMajor = 0, floorMinor = 0] = (/^>=(\d+)(?:\.(\d+))?/.exec(engines) ?? [])
  .slice(1)
  .map((part) => Number(part ?? 0));
/** Whether a Node version (`24.1.0`) satisfies the packages' `engines` floor. */
const satisfiesEngines = (version: string) => {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major * 1000 + minor >= floorMajor * 1000 + floorMinor;
};
const system = systemNode();
const runtimes = [
  {
    label: `the repository's pinned Node ${process.versions.node} (process.execPath)`,
    node: process.execPath,
    everything: true,
  },
  // The system Node (CI's) runs the imports and the handlers too, when the packages support it: below
  // the engines floor (Node 20 is past end of life, and the AWS SDK follows Node's schedule) it is left out.
  ...(system && system.version !== process.versions.node && satisfiesEngines(system.version)
    ? [
        {
          label: `the system Node ${system.version} (${system.executable})`,
          node: system.executable,
          everything: false,
        },
      ]
    : []),
];

describe.each(runtimes)('a consumer project on $label', ({ node, everything }) => {
  it(`runs a Node that satisfies the packages' engines (${engines})`, () => {
    expect(
      satisfiesEngines(node === process.execPath ? process.versions.node : (system?.version ?? '')),
    ).toBe(true);
  });

  const expectImports = (result: Record<string, unknown>, entryFile: string) => {
    expect(result.resolved).toMatchObject({
      dataApi: installed('@shiftflow/data-api', `dist/${entryFile}`),
      events: installed('@shiftflow/events', `dist/${entryFile}`),
    });
    const { zod, awsSdk } = result.resolved as { zod: string; awsSdk: string };
    expect(zod.startsWith(path.join(project, 'node_modules', 'zod') + path.sep)).toBe(true);
    expect(awsSdk.startsWith(path.join(project, 'node_modules', '@aws-sdk') + path.sep)).toBe(true);
    expect(result.sql).toEqual({
      sql: 'select * from trips where vendor = :p1 and fare > :p2 and paid = :p3',
      parameters: [
        { name: 'p1', value: 'acme' },
        { name: 'p2', value: '12.5' },
        { name: 'p3', value: 'true' },
      ],
    });
    expect(result.badTarget).toMatchObject({
      name: 'InvalidTargetError',
      code: 'INVALID_TARGET',
      isBaseClass: true,
      isError: true,
      isInvalidTargetError: true,
      message: expect.stringMatching(/clusterIdentifier "c1".*workgroupName "w1"/),
    });
    expect(result.badParameter).toMatchObject({
      name: 'InvalidParameterError',
      code: 'INVALID_PARAMETER',
      isBaseClass: true,
      isInvalidParameterError: true,
      message: expect.stringContaining('"p1" is NaN'),
    });
    // null and '' become the constants NULL and '', arrays IN-lists, fragments nest renumbered.
    expect(result.composed).toEqual({
      sql: "insert into t values (NULL, '', :p1) -- (:p2, :p3)",
      parameters: [
        { name: 'p1', value: '1' },
        { name: 'p2', value: '2' },
        { name: 'p3', value: '3' },
      ],
    });
    expect(result.alias).toBe(true);
    expect(result.finished).toEqual({
      state: 'FINISHED',
      statementId: statusChangeFixture.detail.statementId,
    });
    expect(result.badEvent).toMatchObject({
      name: 'EventParseError',
      code: 'EVENT_PARSE_FAILED',
      isBaseClass: true,
      isEventParseError: true,
      issues: [{ path: 'detail.state', value: 'DONE' }],
      message: expect.stringContaining('detail.state'),
    });
    expect(result.config).toEqual({ timeZone: 'UTC', eltSql: 'CALL run_elt_process();' });
    expect(result.pattern).toEqual({
      source: ['aws.redshift-data'],
      'detail-type': ['Redshift Data Statement Status Change'],
      detail: { state: ['FINISHED', 'FAILED', 'ABORTED'], statementName: [{ prefix: 'nyc-taxi/' }] },
    });
  };

  it('imports @shiftflow/data-api and @shiftflow/events from an ES module (.mjs)', async () => {
    expectImports(await consume(node, 'imports.mjs'), 'index.js');
  });

  it('requires @shiftflow/data-api and @shiftflow/events from CommonJS (.cjs)', async () => {
    expectImports(await consume(node, 'imports.cjs'), 'index.cjs');
  });

  if (everything) {
    // data-api's README "Bundling": one ESM file made by esbuild, the AWS SDK's ESM builds preferred.
    it('runs the ES module consumer bundled into one file by esbuild (--main-fields=module,main)', async () => {
      await build({
        entryPoints: [path.join(project, 'imports.mjs')],
        absWorkingDir: project,
        bundle: true,
        platform: 'node',
        format: 'esm',
        mainFields: ['module', 'main'],
        outfile: path.join(project, 'imports.bundle.mjs'),
        logLevel: 'silent',
      });
      const result = await consume(node, 'imports.bundle.mjs');
      expect(result.sql).toMatchObject({
        sql: 'select * from trips where vendor = :p1 and fare > :p2 and paid = :p3',
      });
      expect(result.composed).toMatchObject({ sql: "insert into t values (NULL, '', :p1) -- (:p2, :p3)" });
      expect(result.badTarget).toMatchObject({ code: 'INVALID_TARGET', isInvalidTargetError: true });
      expect(result.finished).toEqual({
        state: 'FINISHED',
        statementId: statusChangeFixture.detail.statementId,
      });
    });
  }

  if (everything) {
    it('exports a `version` equal to the installed package.json version, where a package exports one', async () => {
      const { versions } = (await consume(node, 'versions.mjs')) as {
        versions: Record<string, { manifest: string; exported: string | null }>;
      };
      for (const { manifest } of published) {
        const { manifest: installedVersion, exported } = versions[manifest.name] ?? {};
        expect(installedVersion, manifest.name).toBe(manifest.version);
        if (exported !== null) expect(exported, `${manifest.name} exports version`).toBe(installedVersion);
      }
      expect(Object.values(versions).filter(({ exported }) => exported !== null).length).toBeGreaterThan(0);
    });

    it('starts @shiftflow/redshift-local and queries it with @shiftflow/data-api: parameters in, typed rows out', async () => {
      const result = await consume(node, 'redshift.mjs');
      expect(result.inserted).toEqual({ status: 'FINISHED', resultRows: 1 });
      expect(result.rows).toEqual([
        {
          id: 1,
          vendor: 'acme',
          fare: '12.50',
          trips_total: 4000000000,
          picked_up: '2026-01-02 03:04:05',
          paid: true,
        },
        {
          id: 2,
          vendor: "o'hare cabs",
          fare: '7.25',
          trips_total: 3,
          picked_up: '2026-01-03 00:00:00',
          paid: false,
        },
      ]);
      expect(result.types).toEqual(
        Array(2).fill({
          id: 'number',
          vendor: 'string',
          fare: 'string',
          trips_total: 'number',
          picked_up: 'string',
          paid: 'boolean',
        }),
      );
      expect(result.failure).toMatchObject({
        name: 'StatementFailedError',
        code: 'STATEMENT_FAILED',
        isStatementFailedError: true,
        message: expect.stringContaining('no_such_table'),
      });
    });

    it("runs data-api's README examples verbatim against redshift-local: nullable inserts, IN-list, nested fragment, schema-typed rows that JSON.stringify, a timeout that leaves nothing running", async () => {
      // Node runs the TypeScript as it is (type stripping); the TypeScript consumer test type-checks it.
      const result = await consume(node, 'types/readme-examples.mts');
      expect(result).toEqual({
        logged: ['[{"vendor_id":1,"trips":1},{"vendor_id":2,"trips":1}]', 'true'],
        inList: [{ id: 1 }, { id: 2 }],
        nested: [{ id: 1 }],
        counts: [
          { vendor_id: 1, trips: 1 },
          { vendor_id: 2, trips: 1 },
        ],
        // The timed-out CALL was cancelled: it ended ABORTED instead of running its minute.
        procedureRuns: ['STATEMENT_ABORTED'],
      });
    });

    it('starts @shiftflow/redshift-local from CommonJS (its engine worker starts from the CJS build)', async () => {
      const result = await consume(node, 'redshift.cjs');
      expect(result).toEqual({
        resolved: installed('@shiftflow/redshift-local', 'dist/index.cjs'),
        rows: [{ answer: 42, has_getdate: true }],
      });
    });

    it('runs the redshift-local command from the package bin', async () => {
      const output = await runProgram(
        node,
        [path.join(project, 'node_modules/.bin/redshift-local'), '--help'],
        {
          cwd: project,
          env: consumerEnvironment(scratch),
          timeoutMs: 30_000,
        },
      );
      expect(output.stdout).toMatch(/^usage: redshift-local serve --s3-root DIR/);
    });
  }

  it('runs the runner and notifier Lambda handlers against redshift-local: FINISHED then FAILED, announced through SNS', async () => {
    const result = await consume(node, 'pipeline.mjs');
    const name = pipelineConfig.name;
    expect((result.setup as { statementCount: number }).statementCount).toBeGreaterThanOrEqual(
      pipelineConfig.setupFiles.length,
    );

    type Run = {
      started: { status: string; runId: string; statementId: string };
      event: { state: string; statementName: string };
      notified: { status: string; statementId: string };
      publish: {
        topicArn: string;
        subject: string;
        messageStructure: string;
        message: { default: string; email: string; sms: string };
      };
      publishCount: number;
    };
    const finished = result.finished as Run;
    expect(finished.started).toMatchObject({ status: 'started', runId: `${name}/2026-11-30T16:00:00.000Z` });
    // On a failed run, the announcement's text says why.
    expect(finished.event, finished.publish?.message?.email).toEqual({
      state: 'FINISHED',
      statementName: `${name}/2026-11-30T16:00:00.000Z`,
    });
    expect(finished.notified).toMatchObject({
      status: 'announced',
      statementId: finished.started.statementId,
    });
    expect(finished.publishCount).toBe(1);
    expect(finished.publish).toMatchObject({
      topicArn: 'arn:aws:sns:us-east-1:123456789012:shiftflow-consumer',
      messageStructure: 'json',
      subject: `[shiftflow] ${name} run succeeded (2026-11-30T16:00:00.000Z)`,
    });
    expect(finished.publish.message.email).toContain('Status:          FINISHED (succeeded)');
    expect(finished.publish.message.email).toContain('Rows loaded:     3\n');
    expect(finished.publish.message.email).toContain(`Statement id:    ${finished.started.statementId}`);
    expect(result.rowsLoaded).toBe(3);
    // The same event delivered again is not announced twice.
    expect(result.redelivered).toEqual({
      status: 'already-announced',
      statementId: finished.started.statementId,
    });

    const failed = result.failed as Run;
    expect(failed.started).toMatchObject({
      status: 'started',
      runId: `${name}/manual/2026-12-01T09:00:00.000Z`,
    });
    expect(failed.event.state).toBe('FAILED');
    expect(failed.notified).toMatchObject({ status: 'announced', statementId: failed.started.statementId });
    expect(failed.publish.subject).toMatch(new RegExp(`^\\[shiftflow\\] ${name} run FAILED `));
    expect(failed.publish.message.email).toContain('Status:          FAILED (failed)');
    expect(failed.publish.message.email).toContain('no_such_prefix');
    expect(failed.publish.message.email).toContain('Failing SQL:\n  CALL run_elt_process();');
    expect(`${failed.publish.subject} ${failed.publish.message.default}`).not.toMatch(/succeeded|completed/i);
    expect(result.publishes).toBe(2);
  });
});
