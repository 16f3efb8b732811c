// A consumer that already has its own, different AWS SDK version: @shiftflow/data-api takes the
// caller's RedshiftDataClient, so the SDK is its peer dependency, and npm must install one copy (the
// consumer's) that both the consumer and the package's types use.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerEnvironment, isolatedDirectory, runProgram } from './support/consumer-project';
import { pack } from './support/pack';
import { publishedPackages, repositoryRoot } from './support/workspace';

/** An SDK version inside data-api's peer range but not the one the workspace tests with (3.1169.0). */
const consumerSdkVersion = '3.1178.0';
const sdk = '@aws-sdk/client-redshift-data';

const dataApi = publishedPackages().find((entry) => entry.manifest.name === '@shiftflow/data-api')!;
const dataApiManifest = dataApi.manifest as {
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const rootManifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const typeScriptCompiler = createRequire(path.join(repositoryRoot, 'package.json')).resolve(
  'typescript/lib/tsc.js',
);

let project: string;
let scratch: string;
let tarballs: string;

beforeAll(async () => {
  tarballs = isolatedDirectory('shiftflow-sdk-range-tarballs-');
  project = isolatedDirectory('shiftflow-sdk-range-');
  scratch = isolatedDirectory('shiftflow-sdk-range-scratch-');
  const tarball = pack(dataApi, tarballs);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'sdk-range', private: true }));
  await runProgram(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      `${sdk}@${consumerSdkVersion}`,
      tarball,
      `@types/node@${rootManifest.devDependencies['@types/node']}`,
    ],
    { cwd: project, env: consumerEnvironment(scratch), timeoutMs: 150_000 },
  );
});

afterAll(() => {
  for (const directory of [project, scratch, tarballs]) {
    if (directory) rmSync(directory, { recursive: true, force: true });
  }
});

describe('@shiftflow/data-api next to a different in-range AWS SDK version', () => {
  it('declares the SDK as a peer range that holds both the tested and the consumer version', () => {
    expect(dataApiManifest.peerDependencies?.[sdk]).toBe(`^${dataApiManifest.devDependencies?.[sdk]}`);
    expect(dataApiManifest.devDependencies?.[sdk]).not.toBe(consumerSdkVersion);
  });

  it('installs one copy of the SDK: the consumer version, none nested under the package', () => {
    const top = JSON.parse(readFileSync(path.join(project, 'node_modules', sdk, 'package.json'), 'utf8')) as {
      version: string;
    };

    expect(top.version).toBe(consumerSdkVersion);
    expect(
      existsSync(path.join(project, 'node_modules', '@shiftflow', 'data-api', 'node_modules', sdk)),
    ).toBe(false);
  });

  it('type-checks a consumer that passes its own RedshiftDataClient to RedshiftDataApi', async () => {
    writeFileSync(
      path.join(project, 'consumer.mts'),
      [
        `import { RedshiftDataClient } from '${sdk}';`,
        `import { RedshiftDataApi } from '@shiftflow/data-api';`,
        `const client = new RedshiftDataClient({ region: 'us-east-1' });`,
        `export const api = new RedshiftDataApi({ client, target: { workgroupName: 'analytics', database: 'dev' } });`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          target: 'es2022',
          noEmit: true,
          types: ['node'],
        },
        files: ['consumer.mts'],
      }),
    );

    const output = await runProgram(process.execPath, [typeScriptCompiler, '-p', 'tsconfig.json'], {
      cwd: project,
      env: consumerEnvironment(scratch),
      timeoutMs: 120_000,
    });

    expect(output.stdout).toBe('');
  });
});
