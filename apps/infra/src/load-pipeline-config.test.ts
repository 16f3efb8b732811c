import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineConfigError } from './errors.ts';
import { loadPipelineConfig } from './load-pipeline-config.ts';

const directory = mkdtempSync(join(tmpdir(), 'shiftflow-config-'));

function configFile(name: string, content: string): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

const valid = {
  name: 'nyc-taxi',
  schedule: { expression: 'rate(1 day)' },
  target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy',
};

function loadError(path: string): PipelineConfigError {
  try {
    loadPipelineConfig(path);
  } catch (error) {
    if (error instanceof PipelineConfigError) return error;
    throw error;
  }
  throw new Error(`${path} loaded without error`);
}

describe('loadPipelineConfig', () => {
  it('returns the configuration with defaults applied', () => {
    const config = loadPipelineConfig(configFile('valid.json', JSON.stringify(valid)));
    expect(config).toMatchObject({
      name: 'nyc-taxi',
      schedule: { expression: 'rate(1 day)', timeZone: 'UTC' },
      eltSql: 'CALL run_elt_process();',
      setupFiles: [],
    });
  });

  it('lists every bad field with its value', () => {
    const path = configFile(
      'invalid.json',
      JSON.stringify({
        ...valid,
        name: 'NYC',
        schedule: { expression: 'cron(0 11 * * ?)', timeZone: 'Mars/Base' },
      }),
    );
    const error = loadError(path);
    expect(error.code).toBe('INVALID_PIPELINE_CONFIG');
    expect(error.path).toBe(path);
    expect(error.problems).toEqual([
      expect.stringMatching(/^name: .*\(got "NYC"\)$/),
      expect.stringMatching(/^schedule\.expression: .*has 5 fields.*\(got "cron\(0 11 \* \* \?\)"\)$/),
      expect.stringMatching(/^schedule\.timeZone: .*\(got "Mars\/Base"\)$/),
    ]);
    expect(error.message).toContain(path);
  });

  it('says when the file is not JSON', () => {
    const error = loadError(configFile('broken.json', '{ "name": '));
    expect(error.problems[0]).toMatch(/^is not JSON: /);
  });

  it('says when the file cannot be read', () => {
    const error = loadError(join(directory, 'missing.json'));
    expect(error.problems[0]).toMatch(/^cannot be read: .*ENOENT/);
  });
});
