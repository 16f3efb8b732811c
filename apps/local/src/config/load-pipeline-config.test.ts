import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import {
  configFileName,
  findConfigFile,
  loadPipelineConfig,
  maxConfigFileBytes,
} from './load-pipeline-config';

const directory = mkdtempSync(path.join(tmpdir(), 'shiftflow-local-config-'));

function configFile(name: string, content: string): string {
  const file = path.join(directory, name);
  writeFileSync(file, content);
  return file;
}

const valid = {
  name: 'nyc-taxi',
  schedule: { expression: 'rate(1 day)' },
  target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
  sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
  redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-redshift-copy',
};

async function loadError(file: string): Promise<ConfigError> {
  try {
    await loadPipelineConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`${file} loaded without error`);
}

describe('loadPipelineConfig', () => {
  it('returns the configuration with defaults applied', async () => {
    const config = await loadPipelineConfig(configFile('valid.json', JSON.stringify(valid)));

    expect(config).toMatchObject({ name: 'nyc-taxi', schedule: { timeZone: 'UTC' }, setupFiles: [] });
  });

  it('says which file cannot be read', async () => {
    const file = path.join(directory, 'missing.json');

    const error = await loadError(file);

    expect(error.file).toBe(file);
    expect(error.message).toMatch(new RegExp(`^cannot read ${file}: .*ENOENT`));
  });

  it('says which file is not JSON', async () => {
    const file = configFile('broken.json', '{ "name": ');

    expect((await loadError(file)).message).toMatch(new RegExp(`^${file} is not valid JSON: `));
  });

  it('names the file and every bad field with its value', async () => {
    const file = configFile('invalid.json', JSON.stringify({ ...valid, name: 'NYC' }));

    const error = await loadError(file);

    expect(error.message).toMatch(
      new RegExp(
        `^${file} is not a valid pipeline configuration: invalid pipeline config: name: .*\\(got "NYC"\\)$`,
      ),
    );
  });

  it('refuses a device without reading it', async () => {
    const error = await loadError('/dev/zero');

    expect(error.file).toBe('/dev/zero');
    expect(error.message).toBe(
      '/dev/zero is a character device, not a configuration file; pass a JSON file with --config',
    );
  });

  it('refuses a folder, naming it', async () => {
    const folder = mkdtempSync(path.join(directory, 'folder-'));

    expect((await loadError(folder)).message).toBe(
      `${folder} is a folder, not a configuration file; pass a JSON file with --config`,
    );
  });

  it(`refuses a file above ${maxConfigFileBytes} bytes without parsing it`, async () => {
    const file = configFile('huge.json', ' '.repeat(maxConfigFileBytes + 1));

    const error = await loadError(file);

    expect(error.file).toBe(file);
    expect(error.message).toMatch(
      new RegExp(`^${file} is 1,048,577 bytes; a pipeline configuration is at most 1,048,576 bytes`),
    );
  });
});

describe('findConfigFile', () => {
  it(`finds ${configFileName} in a folder above the starting one`, () => {
    const root = mkdtempSync(path.join(tmpdir(), 'shiftflow-find-config-'));
    const nested = path.join(root, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    writeFileSync(path.join(root, configFileName), '{}');

    expect(findConfigFile(nested)).toBe(path.join(root, configFileName));
  });
});
