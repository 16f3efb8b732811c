import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cliPath, repositoryRoot, testEnvironment } from './cli-process';

const run = promisify(execFile);
const folders: string[] = [];

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** Every file under `folder`, recursively. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

/**
 * Runs `shiftflow --version` with TMPDIR set to a new folder and no NODE_COMPILE_CACHE, so the
 * CLI's own call turns the cache on (Node alone would not) in <TMPDIR>/node-compile-cache.
 * Returns that TMPDIR.
 */
async function runVersion(extra: NodeJS.ProcessEnv): Promise<string> {
  const temporary = await mkdtemp(path.join(tmpdir(), 'shiftflow-compile-cache-'));
  folders.push(temporary);
  const {
    NODE_COMPILE_CACHE: _cache,
    NODE_DISABLE_COMPILE_CACHE: _disabled,
    ...environment
  } = testEnvironment;
  await run(process.execPath, [cliPath, '--version'], {
    cwd: repositoryRoot,
    env: { ...environment, TMPDIR: temporary, ...extra },
  });
  return temporary;
}

const supported = typeof nodeModule.enableCompileCache === 'function';

describe("the CLI and Node's module compile cache", () => {
  it(`turns it on where Node has it (this Node: ${supported ? 'yes' : 'no'}): compiled modules kept in <tmpdir>/node-compile-cache`, async () => {
    const temporary = await runVersion({});
    const kept = await filesUnder(temporary);
    expect(kept.length > 0).toBe(supported);
  });

  it('writes nothing with NODE_DISABLE_COMPILE_CACHE=1', async () => {
    const temporary = await runVersion({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(await filesUnder(temporary)).toEqual([]);
  });
});
