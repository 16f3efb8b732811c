import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { baseProps, env, variantApp, withCode } from '../../test/support/pipeline-variants.ts';
import { EltPipeline } from './elt-pipeline.ts';

/** A pipeline in a cdk-nag app, and `change` applied to it before the synth. */
function synthesizeWith(change: (pipeline: EltPipeline) => void): () => void {
  const app = variantApp();
  const stack = new Stack(app, 'Acknowledged', { env });
  change(new EltPipeline(stack, 'Pipeline', withCode(baseProps)));
  return () => app.synth();
}

describe('cdk-nag acknowledgements', () => {
  it('pass the pipeline as built', () => {
    expect(synthesizeWith(() => undefined)).not.toThrow();
  });

  it.each(['databaseRole', 'notifierRole', 'reconcilerRole'] as const)(
    'report a new Resource::* wildcard on the %s default policy (acknowledged on its statement policy only)',
    (roleName) => {
      const synth = synthesizeWith((pipeline) =>
        pipeline[roleName].addToPrincipalPolicy(
          new iam.PolicyStatement({ actions: ['redshift-data:DescribeStatement'], resources: ['*'] }),
        ),
      );
      expect(synth).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
    },
  );

  it('report an invoke of another function by the writer role (only the reconciler, its on-success destination, is acknowledged)', () => {
    const synth = synthesizeWith((pipeline) => pipeline.notifierFunction.grantInvoke(pipeline.databaseRole));
    expect(synth).toThrow(/AwsSolutions-IAM5\[Resource::<PipelineNotifierFunction[0-9A-F]+\.Arn>:\*\]/);
  });

  it('report a kms:GenerateDataKey* on another role than the two that publish to the topic', () => {
    const synth = synthesizeWith((pipeline) => pipeline.topic.grantPublish(pipeline.scheduleRole));
    expect(synth).toThrow(/AwsSolutions-IAM5\[Action::kms:GenerateDataKey\*\]/);
  });

  it('report a wildcard added to a role through a new policy of its own', () => {
    const synth = synthesizeWith((pipeline) => {
      new iam.Policy(pipeline, 'Extra', {
        roles: [pipeline.notifierRole],
        statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] })],
      });
    });
    expect(synth).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });
});
