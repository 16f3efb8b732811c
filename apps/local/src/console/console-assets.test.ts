import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertConsoleAssets, readConsoleAsset } from './console-assets';
import { ConsoleAssetsMissingError } from './errors';

let root: string;
let folder: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'shiftflow-console-assets-'));
  folder = path.join(root, 'console');
  await mkdir(path.join(folder, 'fonts'), { recursive: true });
  await writeFile(path.join(folder, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(path.join(folder, 'app.js'), 'export {};');
  await writeFile(path.join(folder, '.hidden.js'), 'secret');
  await writeFile(path.join(root, 'secret.json'), '{"secret":true}');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readConsoleAsset', () => {
  it('reads a file of the folder from the root and from /assets/, with its content type', async () => {
    const fromRoot = await readConsoleAsset(folder, '/app.js');
    const fromAssets = await readConsoleAsset(folder, '/assets/app.js');

    expect(fromRoot?.body.toString()).toBe('export {};');
    expect(fromRoot?.contentType).toBe('text/javascript; charset=utf-8');
    expect(fromAssets?.body.toString()).toBe('export {};');
  });

  it('reads nothing outside the folder, no hidden file, no folder and no unknown kind of file', async () => {
    for (const urlPath of [
      '/../secret.json',
      '/..%2fsecret.json',
      '/%2e%2e/secret.json',
      '/assets/../../secret.json',
      '/.hidden.js',
      '/fonts',
      '/%E0%A4%A',
      '/app.js%00.html',
      '/..\\secret.json',
    ]) {
      expect(await readConsoleAsset(folder, urlPath), urlPath).toBeUndefined();
    }
  });
});

describe('assertConsoleAssets', () => {
  it('throws ConsoleAssetsMissingError naming the folder and the build command when index.html is missing', () => {
    const missing = path.join(root, 'not-built');

    expect(() => assertConsoleAssets(missing)).toThrow(ConsoleAssetsMissingError);
    expect(() => assertConsoleAssets(missing)).toThrow(/not-built.*pnpm --filter @shiftflow\/local build/);
    expect(() => assertConsoleAssets(folder)).not.toThrow();
  });
});
