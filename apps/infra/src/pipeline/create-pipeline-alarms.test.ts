import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  baseProps,
  env,
  logicalId,
  statementsOf,
  variantApp,
  variantsUnderTest,
  withCode,
} from '../../test/support/pipeline-variants.ts';
import { EltPipeline } from './elt-pipeline.ts';

const { clusterDbUser, clusterSecret, template } = variantsUnderTest('clusterDbUser', 'clusterSecret');

type Alarm = { Properties: Record<string, unknown> };

function alarmsOf(t: Template): Record<string, Alarm> {
  return t.findResources('AWS::CloudWatch::Alarm') as Record<string, Alarm>;
}

describe('EltPipeline operations', () => {
  it('encrypts the dead-letter queue and enforces SSL', () => {
    const t = template(clusterDbUser.stack);
    t.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has an operations topic apart from the users’ topic, KMS-encrypted with its own key, SSL only', () => {
    const { stack, pipeline } = clusterDbUser;
    const t = template(stack);
    t.resourceCountIs('AWS::SNS::Topic', 2);
    const resources = t.toJSON().Resources;
    const operations = resources[logicalId(stack, pipeline.operationsTopic)].Properties;
    const users = resources[logicalId(stack, pipeline.topic)].Properties;
    expect(operations.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [logicalId(stack, pipeline.operationsTopicKey), 'Arn'],
    });
    expect(operations.KmsMasterKeyId).not.toEqual(users.KmsMasterKeyId);
    expect(resources[logicalId(stack, pipeline.operationsTopicKey)].Properties.EnableKeyRotation).toBe(true);
    // The users' e-mail is subscribed to the users' topic only.
    t.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 1);
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: 'data-team@example.com',
      TopicArn: { Ref: logicalId(stack, pipeline.topic) },
    });
    // Only the operations topic's policy lets CloudWatch alarms publish to it; no function publishes to it.
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalId(stack, pipeline.operationsTopic) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
  });

  it('sends every alarm to the operations topic and none to the users’ topic', () => {
    const { stack, pipeline } = clusterDbUser;
    const alarms = Object.values(alarmsOf(template(stack)));
    // DLQ depth and arrivals, three error alarms, run-record delivery, throttles, setup errors, skipped runs.
    expect(alarms).toHaveLength(9);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: logicalId(stack, pipeline.operationsTopic) }]);
    }
  });

  it('alarms on dead-letter depth and again on every 5 minutes with new dead-letter messages', () => {
    const { stack, pipeline } = clusterDbUser;
    const t = template(stack);
    const queue = [
      {
        Name: 'QueueName',
        Value: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterQueue), 'QueueName'] },
      },
    ];
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: queue,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'NumberOfMessagesSent',
      Dimensions: queue,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('mails the arrivals alarm again every hour while messages keep arriving: a schedule re-arms it with SetAlarmState OK', () => {
    const { stack, pipeline } = clusterDbUser;
    const t = template(stack);
    const arrivals = logicalId(stack, pipeline.alarms.deadLetterArrivalsAlarm);
    const reminder = t.toJSON().Resources[logicalId(stack, pipeline.deadLetterReminder.schedule)].Properties;
    expect(reminder).toMatchObject({
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Target: {
        Arn: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:::aws-sdk:cloudwatch:setAlarmState'],
          ],
        },
        RoleArn: { 'Fn::GetAtt': [logicalId(stack, pipeline.deadLetterReminder.role), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0 },
      },
    });
    // The input names the arrivals alarm and sets OK; the alarm has no OK action, so re-arming sends nothing.
    const [, parts] = (reminder.Target.Input as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    expect(parts[0]).toBe('{"AlarmName":"');
    expect(parts[1]).toEqual({ Ref: arrivals });
    expect(String(parts[2])).toMatch(/^","StateValue":"OK","StateReason":"shiftflow reminder/);
    const arrivalsAlarm = t.toJSON().Resources[arrivals].Properties;
    expect(arrivalsAlarm.OKActions).toBeUndefined();
    expect(arrivalsAlarm.AlarmActions).toEqual([{ Ref: logicalId(stack, pipeline.operationsTopic) }]);
    // Its role may set the state of that one alarm, nothing else.
    expect(statementsOf(t, logicalId(stack, pipeline.deadLetterReminder.role))).toEqual([
      {
        Effect: 'Allow',
        Action: 'cloudwatch:SetAlarmState',
        Resource: { 'Fn::GetAtt': [arrivals, 'Arn'] },
      },
    ]);
  });

  it('alarms when Lambda could not hand a started run to the reconciler (runner DestinationDeliveryFailures)', () => {
    const { stack, pipeline } = clusterDbUser;
    template(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'DestinationDeliveryFailures',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, pipeline.runnerFunction) } }],
      Statistic: 'Sum',
      Threshold: 1,
      AlarmActions: [{ Ref: logicalId(stack, pipeline.operationsTopic) }],
    });
  });

  it('alarms on errors of each function, throttles of any of them, and setup failures', () => {
    const { stack, pipeline } = clusterDbUser;
    const t = template(stack);
    for (const fn of [pipeline.runnerFunction, pipeline.notifierFunction, pipeline.reconcilerFunction]) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, fn) } }],
        Statistic: 'Sum',
        Threshold: 1,
      });
    }
    const mathAlarms = Object.values(alarmsOf(t)).filter((alarm) => alarm.Properties.Metrics !== undefined);
    const metricNames = (alarm: Alarm): string[] =>
      (alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).flatMap((m) =>
        m.MetricStat === undefined ? [] : [m.MetricStat.Metric.MetricName],
      );
    expect(mathAlarms.map(metricNames).sort()).toEqual([
      ['Errors', 'Errors'],
      ['Throttles', 'Throttles', 'Throttles'],
    ]);
    // Without setup files there is no setup alarm.
    const withoutSetup = Object.values(alarmsOf(template(clusterSecret.stack)));
    expect(withoutSetup).toHaveLength(8);
    expect(clusterSecret.pipeline.alarms.setupErrorsAlarm).toBeUndefined();
  });

  it('counts runs by outcome and skipped runs, and takes rows loaded and duration, from the logs; alarms on a skipped run', () => {
    const { stack, pipeline } = clusterDbUser;
    const t = template(stack);
    const filters = Object.values(t.findResources('AWS::Logs::MetricFilter')) as Alarm[];
    const byName = (name: string) =>
      filters.filter(
        (f) => (f.Properties.MetricTransformations as { MetricName: string }[])[0]?.MetricName === name,
      );
    expect(byName('SucceededRuns')).toHaveLength(2);
    expect(byName('FailedRuns')).toHaveLength(2);
    expect(byName('SkippedRuns')).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          LogGroupName: { Ref: expect.stringMatching(/RunnerLogs/) },
          FilterPattern: '{ $.message = "run skipped: a statement of this pipeline is still active" }',
          MetricTransformations: [
            { MetricNamespace: 'shiftflow/nyc-taxi', MetricName: 'SkippedRuns', MetricValue: '1' },
          ],
        }),
      }),
    ]);
    expect(byName('SucceededRuns')[0]?.Properties.FilterPattern).toBe(
      '{ ($.message = "statement announced") && ($.outcome = "success") }',
    );
    // Rows loaded and run duration: the values on the same line, by outcome, from both announcers.
    for (const [name, field, unit] of [
      ['RowsLoaded', 'rowsLoaded', 'Count'],
      ['RunDuration', 'durationMs', 'Milliseconds'],
    ] as const) {
      const valueFilters = byName(name);
      expect(valueFilters.map((f) => (f.Properties.LogGroupName as { Ref: string }).Ref).sort()).toEqual([
        expect.stringMatching(/NotifierLogs/),
        expect.stringMatching(/ReconcilerLogs/),
      ]);
      for (const valueFilter of valueFilters) {
        expect(valueFilter.Properties.FilterPattern).toBe(
          `{ ($.message = "statement announced") && ($.${field} >= 0) }`,
        );
        expect(valueFilter.Properties.MetricTransformations).toEqual([
          {
            MetricNamespace: 'shiftflow/nyc-taxi',
            MetricName: name,
            MetricValue: `$.${field}`,
            Dimensions: [{ Key: 'Outcome', Value: '$.outcome' }],
            Unit: unit,
          },
        ]);
      }
    }
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'shiftflow/nyc-taxi',
      MetricName: 'SkippedRuns',
      Threshold: 1,
      AlarmActions: [{ Ref: logicalId(stack, pipeline.operationsTopic) }],
    });
  });

  it('with runDeadline, alarms when no run succeeded within it (no data is a breach); operationsEmail subscribes', () => {
    const stack = new Stack(variantApp(), 'Deadline', { env });
    const pipeline = new EltPipeline(
      stack,
      'Pipeline',
      withCode({ ...baseProps, runDeadline: Duration.hours(26 - 2), operationsEmail: 'ops@example.com' }),
    );
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'shiftflow/nyc-taxi',
      MetricName: 'SucceededRuns',
      Period: 86400,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: logicalId(stack, pipeline.operationsTopic) }],
    });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: logicalId(stack, pipeline.operationsTopic) },
    });
    expect(
      () =>
        new EltPipeline(
          new Stack(variantApp(), 'Bad', { env }),
          'P',
          withCode({ ...baseProps, runDeadline: Duration.minutes(90) }),
        ),
    ).toThrow(/runDeadline.*whole number of hours/s);
  });

  it('has a dashboard of runs by outcome, rows loaded, run duration, errors, throttles, durations, the dead-letter queue and the alarms', () => {
    const { stack } = clusterDbUser;
    const t = template(stack);
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(Object.values(t.findResources('AWS::CloudWatch::Dashboard'))[0]);
    for (const part of [
      'Runs by outcome',
      'SucceededRuns',
      'FailedRuns',
      'SkippedRuns',
      'ApproximateNumberOfMessagesVisible',
      'NumberOfMessagesSent',
      'Throttles',
      'Function duration (p90)',
      'Rows loaded (per hour)',
      '\\"RowsLoaded\\",\\"Outcome\\",\\"success\\"',
      'Run duration (longest run per hour, ms)',
      '\\"RunDuration\\",\\"Outcome\\",\\"failure\\"',
      'PipelineRunRecordDeliveryAlarm',
      'alarm',
    ]) {
      expect(body).toContain(part);
    }
  });
});
