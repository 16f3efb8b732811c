import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { InfraError } from './errors.ts';
import { loadPipelineConfig } from './load-pipeline-config.ts';
import { ShiftflowStack } from './shiftflow-stack.ts';

// The CDK app `cdk synth` / `cdk deploy` run (see cdk.json). Environment variables are read here only.
function main(): void {
  const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const configPath = resolve(process.env.SHIFTFLOW_CONFIG ?? join(repositoryRoot, 'shiftflow.config.json'));
  const config = loadPipelineConfig(configPath);
  // setupFiles are relative to the configuration's folder, as for the local app's --config.
  const projectRoot = dirname(configPath);

  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const account = process.env.CDK_DEPLOY_ACCOUNT ?? process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEPLOY_REGION ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const workgroupId = process.env.SHIFTFLOW_WORKGROUP_ID;
  const deadlineText = process.env.SHIFTFLOW_RUN_DEADLINE_HOURS;
  const deadlineHours = deadlineText === undefined || deadlineText === '' ? undefined : Number(deadlineText);
  const pipeline = {
    ...(workgroupId === undefined ? {} : { workgroupId }),
    ...optional('roleNamePrefix', process.env.SHIFTFLOW_ROLE_NAME_PREFIX),
    ...optional('readerDbUser', process.env.SHIFTFLOW_READER_DB_USER),
    ...optional('readerSecretArn', process.env.SHIFTFLOW_READER_SECRET_ARN),
    ...optional('operationsEmail', process.env.SHIFTFLOW_OPERATIONS_EMAIL),
    ...(deadlineHours === undefined ? {} : { runDeadline: Duration.hours(deadlineHours) }),
  };
  new ShiftflowStack(app, process.env.SHIFTFLOW_STACK_NAME ?? `shiftflow-${config.name}`, {
    config,
    repositoryRoot: projectRoot,
    // Without credentials the CLI would fill in a literal us-east-1: stay environment-agnostic
    // unless a region is set explicitly.
    ...(region === undefined ? {} : { env: { account, region } }),
    pipeline,
  });
  app.synth();
}

/** `{ [key]: value }` for a set, non-empty variable; `{}` otherwise. */
function optional<Key extends string>(key: Key, value: string | undefined): Partial<Record<Key, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Partial<Record<Key, string>>);
}

try {
  main();
} catch (error) {
  // Our own errors already say what is wrong and show the value: print them without a stack trace.
  if (!(error instanceof InfraError)) throw error;
  process.stderr.write(`shiftflow: ${error.message}\n`);
  process.exitCode = 1;
}
