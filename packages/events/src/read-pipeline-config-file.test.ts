import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventParseError, EventsError, PipelineConfigFileError } from './errors';
import { readPipelineConfigFile } from './read-pipeline-config-file';

const directory = mkdtempSync(join(tmpdir(), 'shiftflow-events-config-'));

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

function readError(path: string): PipelineConfigFileError {
  try {
    readPipelineConfigFile(path);
  } catch (error) {
    if (error instanceof PipelineConfigFileError) return error;
    throw error;
  }
  throw new Error(`${path} was read without error`);
}

describe('readPipelineConfigFile', () => {
  it('returns the configuration with defaults applied', () => {
    const config = readPipelineConfigFile(configFile('valid.json', JSON.stringify(valid)));

    expect(config).toEqual({
      ...valid,
      schedule: { expression: 'rate(1 day)', timeZone: 'UTC' },
      eltSql: 'CALL run_elt_process();',
      setupFiles: [],
    });
  });

  it('names a file that cannot be read, with the file-system error as detail and cause', () => {
    const path = join(directory, 'missing.json');

    const error = readError(path);

    expect(error).toBeInstanceOf(EventsError);
    expect(error).toMatchObject({ code: 'PIPELINE_CONFIG_FILE_UNREADABLE', problem: 'unreadable', path });
    expect(error.detail).toMatch(/ENOENT/);
    expect(error.message).toBe(`pipeline configuration file ${path} cannot be read: ${error.detail}`);
    expect(error.cause).toMatchObject({ code: 'ENOENT' });
    expect(error.issues).toEqual([]);
  });

  it('refuses a folder as unreadable', () => {
    expect(readError(directory).problem).toBe('unreadable');
  });

  it('names a file that is not JSON, with the syntax error', () => {
    const path = configFile('broken.json', '{ "name": ');

    const error = readError(path);

    expect(error).toMatchObject({ code: 'PIPELINE_CONFIG_FILE_NOT_JSON', problem: 'not-json', path });
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.message).toContain(path);
    expect(error.message).toContain('is not valid JSON');
  });

  it('lists every bad field with its value for an invalid configuration', () => {
    const path = configFile(
      'invalid.json',
      JSON.stringify({
        ...valid,
        name: 'NYC',
        schedule: { expression: 'cron(0 11 * * ?)', timeZone: 'Mars/Base' },
      }),
    );

    const error = readError(path);

    expect(error).toMatchObject({ code: 'PIPELINE_CONFIG_FILE_INVALID', problem: 'invalid', path });
    expect(error.issues.map((issue) => [issue.path, issue.value])).toEqual([
      ['name', 'NYC'],
      ['schedule.expression', 'cron(0 11 * * ?)'],
      ['schedule.timeZone', 'Mars/Base'],
    ]);
    expect(error.cause).toBeInstanceOf(EventParseError);
    expect(error.detail).toBe((error.cause as EventParseError).message);
    expect(error.message).toContain(path);
    expect(error.message).toContain('(got "Mars/Base")');
  });

  it('refuses a JSON value that is not an object as invalid', () => {
    expect(readError(configFile('array.json', '[]')).problem).toBe('invalid');
  });
});

describe('bundles of the schemas Lambda handlers import', () => {
  // readPipelineConfigFile is for the apps; a handler bundle must not carry it or node:fs.
  const bundle = async (exported: string) => {
    const { build } = await import('esbuild');
    const result = await build({
      stdin: {
        contents: `export { ${exported} } from './index';`,
        resolveDir: import.meta.dirname,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.text ?? '';
  };

  it('leave the configuration file reader and node:fs out', async () => {
    for (const exported of [
      'parseRunnerEnvironment',
      'parseStatementStatusChangeEvent',
      'pipelineConfigSchema',
    ]) {
      const code = await bundle(exported);
      expect(code, exported).not.toContain('readPipelineConfigFile');
      expect(code, exported).not.toContain('node:fs');
    }
  });

  it('carry node:fs when the reader itself is bundled', async () => {
    expect(await bundle('readPipelineConfigFile')).toContain('node:fs');
  });
});
