import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
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
  new ShiftflowStack(app, process.env.SHIFTFLOW_STACK_NAME ?? `shiftflow-${config.name}`, {
    config,
    repositoryRoot: projectRoot,
    // Without credentials the CLI would fill in a literal us-east-1: stay environment-agnostic
    // unless a region is set explicitly.
    ...(region === undefined ? {} : { env: { account, region } }),
    ...(workgroupId === undefined ? {} : { pipeline: { workgroupId } }),
  });
  app.synth();
}

try {
  main();
} catch (error) {
  // Our own errors already say what is wrong and show the value: print them without a stack trace.
  if (!(error instanceof InfraError)) throw error;
  process.stderr.write(`shiftflow: ${error.message}\n`);
  process.exitCode = 1;
}
