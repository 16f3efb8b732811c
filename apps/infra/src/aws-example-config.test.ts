import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { loadPipelineConfig } from './load-pipeline-config.ts';
import { ShiftflowStack } from './shiftflow-stack.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const examplePath = fileURLToPath(new URL('../examples/aws.config.json', import.meta.url));

describe('the AWS example configuration (examples/aws.config.json)', () => {
  it('is valid, reads the public sample in us-west-2, and synthesizes with cdk-nag once copied to the repository root', () => {
    const config = loadPipelineConfig(examplePath);
    expect(config).toMatchObject({
      sourceS3Uri: 's3://event-driven-app-with-lambda-redshift/nyc_yellow_taxi_raw/',
      sourceRegion: 'us-west-2',
    });
    const app = new App();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // The walkthrough copies the file to the repository root: its setupFiles are relative to it.
    const stack = new ShiftflowStack(app, 'shiftflow-example', {
      config,
      repositoryRoot,
      env: { account: '111122223333', region: 'eu-west-1' },
      pipeline: { workgroupId: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' },
    });
    Template.fromStack(stack).resourceCountIs('Custom::ShiftflowSetup', 1);
  });

  it('differs from the repository default, which stays the local one', () => {
    const local = readFileSync(`${repositoryRoot}shiftflow.config.json`, 'utf8');
    expect(local).not.toContain('event-driven-app-with-lambda-redshift');
  });
});
