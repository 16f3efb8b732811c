import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  logicalId,
  statementsOf,
  variantsUnderTest,
} from '../../test/support/pipeline-variants.ts';

const { clusterDbUser, clusterSecret, template } = variantsUnderTest('clusterDbUser', 'clusterSecret');

describe('EltPipeline', () => {
  describe('schedules', () => {
    it('starts the runner on the cron expression in the time zone, with few retries and the dead-letter queue', () => {
      const { stack, pipeline } = clusterDbUser;
      template(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 11 ? * MON-FRI *)',
        ScheduleExpressionTimezone: 'America/New_York',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [logicalId(stack, pipeline.runnerFunction), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterQueue), 'Arn'] } },
          Input: Match.serializedJson({
            source: 'shiftflow.scheduler',
            scheduledTime: '<aws.scheduler.scheduled-time>',
            scheduleArn: '<aws.scheduler.schedule-arn>',
            executionId: '<aws.scheduler.execution-id>',
            attemptNumber: '<aws.scheduler.attempt-number>',
          }),
        },
      });
    });

    it('sweeps with the reconciler every 15 minutes by default, without retries', () => {
      const { stack, pipeline } = clusterDbUser;
      template(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(15 minutes)',
        Target: {
          Arn: { 'Fn::GetAtt': [logicalId(stack, pipeline.reconcilerFunction), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        },
      });
    });

    it('applies eventRetryAttempts, functionRetryAttempts and reconcileInterval', () => {
      const { stack } = clusterSecret;
      template(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 11 ? * MON-FRI *)',
        Target: { RetryPolicy: { MaximumRetryAttempts: 5 } },
      });
      template(stack).hasResourceProperties('AWS::Events::Rule', {
        Targets: [Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 5 }) })],
      });
      template(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'rate(30 minutes)',
      });
      template(stack).hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 1 });
    });

    it('lets only the scheduler of this account assume the schedule role, which invokes just the two functions', () => {
      const { stack, pipeline } = clusterDbUser;
      template(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
            },
          ],
        },
      });
      const statements = statementsOf(template(stack), logicalId(stack, pipeline.scheduleRole));
      expect(new Set(actionsOf(statements))).toEqual(new Set(['lambda:InvokeFunction', 'sqs:SendMessage']));
      const invoked = JSON.stringify(statements.filter((s) => s.Action === 'lambda:InvokeFunction'));
      expect(invoked).toContain(logicalId(stack, pipeline.runnerFunction));
      expect(invoked).toContain(logicalId(stack, pipeline.reconcilerFunction));
      expect(invoked).not.toContain(logicalId(stack, pipeline.notifierFunction));
    });
  });
});
