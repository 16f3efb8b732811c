import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const appDirectory = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = join(appDirectory, '..', '..');

/** Runs the real CDK CLI offline: no credentials, an empty HOME, telemetry off, this Node first on PATH. */
function cdkSynth(outputDirectory: string, environment: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [
      join(appDirectory, 'node_modules', 'aws-cdk', 'bin', 'cdk'),
      'synth',
      '--quiet',
      '--output',
      outputDirectory,
    ],
    {
      cwd: appDirectory,
      env: {
        PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
        HOME: mkdtempSync(join(tmpdir(), 'shiftflow-home-')),
        CDK_DISABLE_CLI_TELEMETRY: 'true',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...environment,
      },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cdk synth (the app of cdk.json)', () => {
  it('synthesizes the repository configuration offline with cdk-nag and no finding', () => {
    const output = mkdtempSync(join(tmpdir(), 'shiftflow-cdk-out-'));
    const result = cdkSynth(output);
    expect(result.stderr).not.toMatch(/AwsSolutions-/);
    expect(result.status).toBe(0);
    const config = JSON.parse(readFileSync(join(repositoryRoot, 'shiftflow.config.json'), 'utf8')) as {
      name: string;
    };
    const templatePath = join(output, `shiftflow-${config.name}.template.json`);
    expect(existsSync(templatePath)).toBe(true);
    const template = JSON.parse(readFileSync(templatePath, 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const types = new Set(Object.values(template.Resources).map((resource) => resource.Type));
    for (const type of [
      'AWS::Scheduler::Schedule',
      'AWS::Events::Rule',
      'AWS::DynamoDB::Table',
      'Custom::ShiftflowSetup',
    ]) {
      expect(types).toContain(type);
    }
    // Environment-agnostic without a region: no literal us-east-1 filled in by the CLI.
    expect(JSON.stringify(template.Resources)).not.toContain('us-east-1');
  });

  it("reads the setup files of SHIFTFLOW_CONFIG from that configuration's folder", () => {
    const directory = mkdtempSync(join(tmpdir(), 'shiftflow-project-'));
    mkdirSync(join(directory, 'warehouse'));
    writeFileSync(join(directory, 'warehouse', 'only_here.sql'), 'CREATE TABLE only_here (id INT);\n');
    const config = JSON.parse(readFileSync(join(repositoryRoot, 'shiftflow.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(
      join(directory, 'shiftflow.config.json'),
      JSON.stringify({ ...config, name: 'elsewhere', setupFiles: ['warehouse/only_here.sql'] }),
    );

    const result = cdkSynth(join(directory, 'cdk.out'), {
      SHIFTFLOW_CONFIG: join(directory, 'shiftflow.config.json'),
    });

    expect(result.stderr).not.toContain('only_here.sql');
    expect(result.status).toBe(0);
    const template = readFileSync(join(directory, 'cdk.out', 'shiftflow-elsewhere.template.json'), 'utf8');
    expect(template).toContain('CREATE TABLE only_here (id INT);');
  });

  it('fails naming the bad value, without a stack trace, when the configuration is invalid', () => {
    const directory = mkdtempSync(join(tmpdir(), 'shiftflow-config-'));
    const config = JSON.parse(readFileSync(join(repositoryRoot, 'shiftflow.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(
      join(directory, 'shiftflow.config.json'),
      JSON.stringify({ ...config, schedule: { expression: 'cron(0 11 * * *)', timeZone: 'UTC' } }),
    );
    const result = cdkSynth(join(directory, 'cdk.out'), {
      SHIFTFLOW_CONFIG: join(directory, 'shiftflow.config.json'),
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('schedule.expression');
    expect(result.stderr).toContain('cron(0 11 * * *)');
    expect(result.stderr).toContain('has 5 fields');
    // A clear message, not a stack trace.
    expect(result.stderr).toContain('shiftflow: pipeline configuration');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
