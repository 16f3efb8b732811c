import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPgliteEngine, EngineDataDirError, EngineInUseError } from '../src/index';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const processes: ChildProcessByStdio<null, Readable, Readable>[] = [];
let root: string;
let dataDir: string;
let s3Root: string;

/** `redshift-local serve` on the data dir in a process of its own, resolved once it serves. */
async function startHolder(): Promise<ChildProcessByStdio<null, Readable, Readable>> {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run pnpm --filter @shiftflow/redshift-local build`);
  const child = spawn(process.execPath, [cli, 'serve', '--data-dir', dataDir, '--s3-root', s3Root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (output.includes('export AWS_ENDPOINT_URL_REDSHIFT_DATA=')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${output}`)));
  });
  return child;
}

function engine() {
  return createPgliteEngine({ dataDir, s3Root, database: 'dev', setupSql: [], searchPath: 'public' });
}

async function killed(child: ChildProcessByStdio<null, Readable, Readable>): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'data-dir-lock-'));
  dataDir = path.join(root, 'engine');
  s3Root = path.join(root, 's3');
  mkdirSync(s3Root);
});
afterEach(async () => {
  for (const child of processes.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) await killed(child);
  }
  rmSync(root, { recursive: true, force: true });
});

describe('the PGlite engine on a data dir another process has open', () => {
  it('refuses to open it, naming the process that holds it', async () => {
    const holder = await startHolder();

    const error = await engine()
      .open()
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );

    expect(error).toBeInstanceOf(EngineInUseError);
    expect((error as EngineInUseError).holderPid).toBe(holder.pid);
    expect((error as Error).message).toContain(`data dir ${dataDir} is in use by process ${holder.pid}`);
  });

  it('opens it once the holder was SIGKILLed, though its pid file is left behind', async () => {
    const holder = await startHolder();
    await killed(holder);
    const next = engine();

    await next.open();

    expect(existsSync(path.join(dataDir, 'redshift-local.pid'))).toBe(true);
    await next.close();
  });

  it('refuses while the lock is held even if the recorded pid does not exist here (another PID namespace)', async () => {
    await startHolder();
    // What a holder in a container sees as its pid means nothing here: 2^22 + 1 is above Linux's pid_max.
    writeFileSync(path.join(dataDir, 'redshift-local.pid'), String(2 ** 22 + 1));

    await expect(engine().open()).rejects.toThrow(EngineInUseError);
  });

  it('opens it when the recorded pid is alive but does not hold the lock (a pid reused, or from another namespace)', async () => {
    mkdirSync(dataDir, { recursive: true });
    // A live process of this machine that has nothing to do with the data dir.
    writeFileSync(path.join(dataDir, 'redshift-local.pid'), String(process.ppid));
    const next = engine();

    await next.open();

    await next.close();
  });
});

describe('the PGlite engine on a damaged data dir', () => {
  it('names the data dir, says its files may be damaged and how to start over', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'PG_VERSION'), 'not a version\n');

    const error = await engine()
      .open()
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );

    expect(error).toBeInstanceOf(EngineDataDirError);
    expect(error).toMatchObject({ dataDir, code: 'ENGINE_DATA_DIR' });
    expect((error as Error).message).toContain(`could not open data dir ${dataDir}`);
    expect((error as Error).message).toContain(`delete ${dataDir} to start over`);
  });
});
