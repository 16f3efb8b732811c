import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { baseProps, logicalId, variantsUnderTest, withCode } from '../../test/support/pipeline-variants.ts';
import { setupActiveRunWait, setupBatchTimeout } from './create-setup-resource.ts';
import { EltPipeline } from './elt-pipeline.ts';
import { hashSetupFiles } from './setup-files.ts';

const { clusterDbUser, clusterSecret, clusterIam, serverlessLookup, serverlessId, template } =
  variantsUnderTest('clusterDbUser', 'clusterSecret', 'clusterIam', 'serverlessLookup', 'serverlessId');

describe('EltPipeline', () => {
  describe('setup custom resource', () => {
    it('passes the SQL files and their hash to a provider with onEvent and isComplete', () => {
      const { stack, pipeline } = clusterDbUser;
      const t = template(stack);
      const expectedHash = hashSetupFiles([
        { name: 'sql/001_table.sql', sql: 'CREATE TABLE IF NOT EXISTS example (id BIGINT);\n' },
        {
          name: 'sql/002_procedure.sql',
          sql: 'CREATE OR REPLACE PROCEDURE run_elt_process() AS $$ BEGIN TRUNCATE example; END; $$ LANGUAGE plpgsql;\n',
        },
      ]);
      expect(pipeline.setupSqlHash).toBe(expectedHash);
      t.hasResourceProperties('Custom::ShiftflowSetup', {
        SqlHash: expectedHash,
        PipelineName: 'nyc-taxi',
        Target: { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
        Files: [
          { name: 'sql/001_table.sql', sql: Match.stringLikeRegexp('CREATE TABLE') },
          { name: 'sql/002_procedure.sql', sql: Match.stringLikeRegexp('PROCEDURE run_elt_process') },
        ],
        Values: {
          sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
          redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy',
        },
      });
      t.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.onEvent',
        Runtime: 'nodejs24.x',
        Role: { 'Fn::GetAtt': [logicalId(stack, pipeline.databaseRole), 'Arn'] },
      });
      t.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.isComplete',
        Role: { 'Fn::GetAtt': [logicalId(stack, pipeline.databaseRole), 'Arn'] },
      });
      // The provider's waiter polls isComplete and logs every event.
      t.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        LoggingConfiguration: { Level: 'ALL' },
      });
    });

    it.each([
      [
        'clusterDbUser',
        () => clusterDbUser,
        { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl' },
      ],
      ['clusterIam', () => clusterIam, { type: 'cluster', clusterIdentifier: 'analytics', database: 'dev' }],
      [
        'serverlessLookup',
        () => serverlessLookup,
        { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
      ],
      [
        'serverlessId',
        () => serverlessId,
        { type: 'serverless', workgroupName: 'shiftflow', database: 'dev', secretArn: Match.anyValue() },
      ],
    ])(
      '%s: applies migrations with the batch deadline before the provider gives up and a bounded wait for a run',
      (_name, variant, target) => {
        const { stack } = variant();
        const t = template(stack);
        // Default setupTimeout 30 minutes: isComplete cancels the batch at 29, the provider fails at 30.
        t.hasResourceProperties('Custom::ShiftflowSetup', {
          PipelineName: 'nyc-taxi',
          Target: target,
          TimeoutSeconds: 1740,
          ActiveRunWaitSeconds: 120,
          Files: Match.arrayWith([Match.objectLike({ name: 'sql/001_table.sql' })]),
        });
        const [provider] = Object.values(t.findResources('AWS::StepFunctions::StateMachine', {})) as {
          Properties: { DefinitionString: unknown };
        }[];
        expect(JSON.stringify(provider?.Properties.DefinitionString)).toContain('"MaxAttempts\\":180');
        // onEvent: up to 2 minutes waiting for a run, then the ledger read and the submit.
        t.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.onEvent', Timeout: 180 });
        t.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.isComplete', Timeout: 60 });
      },
    );

    it('cancels the batch one minute before the provider total timeout, never sooner than a minute', () => {
      expect(setupBatchTimeout(Duration.minutes(30)).toSeconds()).toBe(1740);
      expect(setupBatchTimeout(Duration.minutes(90)).toSeconds()).toBe(5340);
      expect(setupBatchTimeout(Duration.minutes(1)).toSeconds()).toBe(60);
      expect(setupActiveRunWait.toSeconds()).toBe(120);
      const directory = mkdtempSync(join(tmpdir(), 'shiftflow-infra-'));
      writeFileSync(join(directory, 'setup.sql'), 'CREATE TABLE a (id INT);');
      const stack = new Stack(new App(), 'Timeout');
      new EltPipeline(
        stack,
        'Pipeline',
        withCode({
          ...baseProps,
          setupFiles: ['setup.sql'],
          setupBaseDirectory: directory,
          setupTimeout: Duration.minutes(10),
        }),
      );
      Template.fromStack(stack).hasResourceProperties('Custom::ShiftflowSetup', { TimeoutSeconds: 540 });
    });

    it('runs as the database identity of the runner (same role, same environment)', () => {
      const { stack, pipeline } = clusterDbUser;
      const functions = template(stack).findResources('AWS::Lambda::Function', {
        Properties: { Handler: Match.stringLikeRegexp('^index\\.(onEvent|isComplete)$') },
      });
      const runner = template(stack).toJSON().Resources[logicalId(stack, pipeline.runnerFunction)];
      expect(Object.keys(functions)).toHaveLength(2);
      for (const fn of Object.values(functions) as { Properties: Record<string, unknown> }[]) {
        expect(fn.Properties.Role).toEqual(runner.Properties.Role);
        expect(fn.Properties.Environment).toEqual(runner.Properties.Environment);
      }
    });

    it('completes before the run schedule is created', () => {
      const { stack, pipeline } = clusterDbUser;
      const setupId = logicalId(stack, pipeline.setup!);
      const runScheduleId = logicalId(stack, pipeline.runSchedule);
      expect(template(stack).toJSON().Resources[runScheduleId].DependsOn).toContain(setupId);
    });

    it('is left out when there are no setup files', () => {
      template(clusterSecret.stack).resourceCountIs('Custom::ShiftflowSetup', 0);
      expect(clusterSecret.pipeline.setup).toBeUndefined();
    });

    it('changes its SqlHash when a SQL file changes', () => {
      const directory = mkdtempSync(join(tmpdir(), 'shiftflow-infra-'));
      const hashFor = (sql: string): string | undefined => {
        writeFileSync(join(directory, 'setup.sql'), sql);
        const stack = new Stack(new App(), 'Hash');
        return new EltPipeline(
          stack,
          'Pipeline',
          withCode({ ...baseProps, setupFiles: ['setup.sql'], setupBaseDirectory: directory }),
        ).setupSqlHash;
      };
      const first = hashFor('CREATE TABLE a (id INT);');
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(hashFor('CREATE TABLE a (id INT);')).toBe(first);
      expect(hashFor('CREATE TABLE a (id BIGINT);')).not.toBe(first);
    });

    it("passes the source bucket's Region to the setup SQL values when the configuration has one", () => {
      const directory = mkdtempSync(join(tmpdir(), 'shiftflow-infra-'));
      writeFileSync(join(directory, 'setup.sql'), 'CREATE TABLE a (id INT);');
      const stack = new Stack(new App(), 'Region');
      new EltPipeline(
        stack,
        'Pipeline',
        withCode({
          ...baseProps,
          setupFiles: ['setup.sql'],
          setupBaseDirectory: directory,
          sourceS3Uri: 's3://event-driven-app-with-lambda-redshift/nyc_yellow_taxi_raw/',
          sourceRegion: 'us-west-2',
        }),
      );
      Template.fromStack(stack).hasResourceProperties('Custom::ShiftflowSetup', {
        Values: {
          sourceS3Uri: 's3://event-driven-app-with-lambda-redshift/nyc_yellow_taxi_raw/',
          redshiftIamRoleArn: baseProps.redshiftIamRoleArn,
          sourceRegion: 'us-west-2',
        },
      });
    });
  });
});
