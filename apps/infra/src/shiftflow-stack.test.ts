import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, FileSystem, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId } from '../test/support/pipeline-variants.ts';
import { loadPipelineConfig } from './load-pipeline-config.ts';
import { hashSetupFiles } from './pipeline/setup-files.ts';
import { ShiftflowStack } from './shiftflow-stack.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const config = loadPipelineConfig(`${repositoryRoot}shiftflow.config.json`);

/**
 * Masks what changes without the infrastructure changing: content hashes (asset file names, SQL
 * hash) and the setup SQL text, which `sql/` owns (the files' names and order stay in the snapshot).
 */
function maskVolatile(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}/g, '<hash>'), (key, value: unknown) =>
    key === 'sql' && typeof value === 'string' ? '<sql>' : value,
  );
}

describe('ShiftflowStack', () => {
  let app: App;
  let stack: ShiftflowStack;
  let template: Template;
  /** Asset key of each bundle folder, taken just before the synth (the packages may rebuild meanwhile). */
  const bundleKeys = new Map<string, string>();
  const bundle = (path: string): string | undefined => bundleKeys.get(path);

  beforeAll(() => {
    for (const path of [
      'packages/elt-runner/dist/lambda',
      'packages/elt-runner/dist/setup',
      'packages/notifier/dist/lambda',
    ]) {
      // An asset's key is the fingerprint of its source folder: same key, same bundle.
      bundleKeys.set(path, `${FileSystem.fingerprint(join(repositoryRoot, path))}.zip`);
    }
    // The repository's own configuration and the packages' real bundles, as `pnpm turbo synth` uses them.
    app = new App();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    stack = new ShiftflowStack(app, 'shiftflow-nyc-taxi', { config, repositoryRoot });
    template = Template.fromStack(stack);
  });

  it('synthesizes the repository configuration with no unacknowledged cdk-nag finding', () => {
    // Template.fromStack synthesized the app with AwsSolutionsChecks; a finding would have thrown.
    expect(stack.pipeline.config.name).toBe(config.name);
    // The run schedule, the reconcile schedule and the dead-letter reminder.
    template.resourceCountIs('AWS::Scheduler::Schedule', 3);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: config.schedule.expression,
      ScheduleExpressionTimezone: config.schedule.timeZone,
    });
  });

  it('applies every setup file of the configuration, in order, with its content and hash', () => {
    const [setup] = Object.values(template.findResources('Custom::ShiftflowSetup')) as {
      Properties: { Files: { name: string; sql: string }[]; SqlHash: string };
    }[];
    const files = config.setupFiles.map((name) => ({
      name,
      sql: readFileSync(join(repositoryRoot, name), 'utf8'),
    }));
    expect(setup?.Properties.Files).toEqual(files);
    expect(setup?.Properties.SqlHash).toBe(hashSetupFiles(files));
  });

  it('deploys the packages’ tsup bundles as the functions’ code', () => {
    const resources = template.toJSON().Resources as Record<
      string,
      { Properties: { Code?: { S3Key?: unknown } } }
    >;
    const s3KeyOf = (fn: { node: { defaultChild?: unknown } }): unknown =>
      resources[logicalId(stack, fn)]?.Properties.Code?.S3Key;
    const { pipeline } = stack;
    expect(s3KeyOf(pipeline.runnerFunction)).toBe(bundle('packages/elt-runner/dist/lambda'));
    expect(s3KeyOf(pipeline.notifierFunction)).toBe(bundle('packages/notifier/dist/lambda'));
    expect(s3KeyOf(pipeline.reconcilerFunction)).toBe(bundle('packages/notifier/dist/lambda'));
    const setupKeys = Object.values(template.findResources('AWS::Lambda::Function'))
      .filter((fn) =>
        /^index\.(onEvent|isComplete)$/.test((fn as { Properties: { Handler: string } }).Properties.Handler),
      )
      .map((fn) => (fn as { Properties: { Code: { S3Key: unknown } } }).Properties.Code.S3Key);
    expect(setupKeys).toEqual([
      bundle('packages/elt-runner/dist/setup'),
      bundle('packages/elt-runner/dist/setup'),
    ]);
  });

  it('names in every handler a function its bundle exports', async () => {
    const resources = template.toJSON().Resources as Record<string, { Properties: { Handler?: string } }>;
    const handlerOf = (fn: { node: { defaultChild?: unknown } }): string | undefined =>
      resources[logicalId(stack, fn)]?.Properties.Handler;
    const { pipeline } = stack;
    const setupHandlers = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((fn) => (fn as { Properties: { Handler: string } }).Properties.Handler)
      .filter((handler) => /^index\.(onEvent|isComplete)$/.test(handler));
    const cases: [string | undefined, string][] = [
      [handlerOf(pipeline.runnerFunction), 'packages/elt-runner/dist/lambda/index.mjs'],
      [handlerOf(pipeline.notifierFunction), 'packages/notifier/dist/lambda/index.mjs'],
      [handlerOf(pipeline.reconcilerFunction), 'packages/notifier/dist/lambda/index.mjs'],
      ...setupHandlers.map((handler): [string, string] => [
        handler,
        'packages/elt-runner/dist/setup/index.mjs',
      ]),
    ];
    expect(cases).toHaveLength(5);
    for (const [handler, bundle] of cases) {
      const exported = (await import(pathToFileURL(join(repositoryRoot, bundle)).href)) as Record<
        string,
        unknown
      >;
      const name = handler?.replace(/^index\./, '') ?? '';
      expect(typeof exported[name], `${handler} in ${bundle}`).toBe('function');
    }
  });

  it('exports the names a user needs to check a run', () => {
    const outputs = Object.keys(template.toJSON().Outputs ?? {});
    expect(outputs).toEqual(
      expect.arrayContaining([
        'TopicArn',
        'RunnerFunctionName',
        'RunnerLogGroupName',
        'NotifierLogGroupName',
        'DeadLetterQueueUrl',
        'LedgerTableName',
      ]),
    );
  });

  it('matches the snapshot (hashes and SQL text masked)', () => {
    expect(maskVolatile(template.toJSON())).toMatchSnapshot();
  });
});

describe('cdk-nag AwsSolutionsChecks', () => {
  it('fails synthesis on an unacknowledged finding', () => {
    const app = new App();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Unsafe');
    // No SSL enforcement (SQS4), no dead-letter queue (SQS3): findings nobody acknowledged.
    new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
