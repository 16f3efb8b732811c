import { App, Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { baseProps, secretArn, withCode } from '../../test/support/pipeline-variants.ts';
import { InvalidPipelinePropertyError, MissingAssetError } from '../errors.ts';
import { EltPipeline } from './elt-pipeline.ts';
import type { EltPipelineProps } from './elt-pipeline-props.ts';

describe('EltPipeline', () => {
  describe('validation', () => {
    function build(props: Partial<EltPipelineProps>): () => EltPipeline {
      return () =>
        new EltPipeline(new Stack(new App(), 'Invalid'), 'Pipeline', withCode({ ...baseProps, ...props }));
    }

    it.each([
      [{ pipelineName: 'NYC Taxi' }, 'pipelineName', /"NYC Taxi"/],
      [{ scheduleExpression: 'cron(0 11 * * ?)' }, 'scheduleExpression', /has 5 fields/],
      [
        { scheduleExpression: 'at(2026-01-01T00:00:00)' },
        'scheduleExpression',
        /"at\(2026-01-01T00:00:00\)"/,
      ],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', /"Mars\/Olympus".*IANA/],
      [{ sourceS3Uri: 'https://bucket/key' }, 'sourceS3Uri', /"https:\/\/bucket\/key"/],
      [{ redshiftIamRoleArn: 'RedshiftCopy' }, 'redshiftIamRoleArn', /"RedshiftCopy"/],
      [{ sourceRegion: 'us-west-2; --' }, 'sourceRegion', /"us-west-2; --".*AWS Region/],
      [{ notificationEmail: 'not-an-address' }, 'notificationEmail', /"not-an-address"/],
      [{ eventRetryAttempts: 200 }, 'eventRetryAttempts', /200.*0 to 185/],
      [{ functionRetryAttempts: 3 }, 'functionRetryAttempts', /3.*0 to 2/],
      [{ functionRetryAttempts: 1.5 }, 'functionRetryAttempts', /1\.5/],
      [{ reconcileInterval: Duration.seconds(30) }, 'reconcileInterval', /30 seconds/],
      [{ setupTimeout: Duration.hours(2) }, 'setupTimeout', /2 hours.*1 hour/],
      [{ workgroupId: 'shiftflow' }, 'workgroupId', /"shiftflow".*UUID/],
      [
        { target: { type: 'cluster', clusterIdentifier: 'Analytics_1', database: 'dev' } },
        'target.clusterIdentifier',
        /"Analytics_1"/,
      ],
      [{ setupFiles: ['../outside.sql'] }, 'setupFiles.0', /"\.\.\/outside\.sql"/],
      [
        {
          target: {
            type: 'cluster',
            clusterIdentifier: 'analytics',
            database: 'dev',
            dbUser: 'etl',
            secretArn,
          },
        },
        'target',
        /"dbUser":"etl".*both dbUser and secretArn/,
      ],
    ] as [Partial<EltPipelineProps>, string, RegExp][])(
      'rejects %j naming %s and the value',
      (props, property, message) => {
        const error = (() => {
          try {
            build(props)();
          } catch (caught) {
            return caught;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(InvalidPipelinePropertyError);
        expect(error).toMatchObject({ code: 'INVALID_PIPELINE_PROPERTY', property });
        expect(error).toHaveProperty('message', expect.stringMatching(message));
      },
    );

    it('rejects a secretKey for a target without secretArn, naming secretKey', () => {
      const stack = new Stack(new App(), 'KeyWithoutSecret');
      const secretKey = new kms.Key(stack, 'SecretKey', { enableKeyRotation: true });

      let error: unknown;
      try {
        new EltPipeline(stack, 'Pipeline', withCode({ ...baseProps, secretKey }));
      } catch (caught) {
        error = caught;
      }

      expect(error).toBeInstanceOf(InvalidPipelinePropertyError);
      expect(error).toMatchObject({ code: 'INVALID_PIPELINE_PROPERTY', property: 'secretKey' });
      expect(error).toHaveProperty(
        'message',
        expect.stringMatching(/"clusterIdentifier":"analytics".*has no secretArn/),
      );
    });

    it('throws MissingAssetError naming a setup file that does not exist', () => {
      expect(build({ setupFiles: ['sql/999_missing.sql'] })).toThrow(MissingAssetError);
      expect(build({ setupFiles: ['sql/999_missing.sql'] })).toThrow(/999_missing\.sql/);
    });
  });
});
