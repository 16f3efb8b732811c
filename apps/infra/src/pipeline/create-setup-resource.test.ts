import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { baseProps, logicalId, variantsUnderTest, withCode } from '../../test/support/pipeline-variants.ts';
import { EltPipeline } from './elt-pipeline.ts';
import { hashSetupFiles } from './setup-files.ts';

const { clusterDbUser, clusterSecret, template } = variantsUnderTest('clusterDbUser', 'clusterSecret');

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
