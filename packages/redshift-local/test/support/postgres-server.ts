/**
 * Starts a throwaway PostgreSQL 15 server for tests: a temp data dir owned by `postgres`, a free
 * port (found by binding port 0), the socket in the temp dir. Sessions run as root and initdb
 * refuses root, so the server runs as the `postgres` user through `runuser`. When it cannot start
 * (no binaries, no `postgres` user, no runuser), the result carries the reason, and the suites
 * fail with it through {@link postgresUnavailable}: a suite that cannot run its engine says so
 * instead of passing without testing anything.
 *
 * @example
 * const server = await startPostgresServer();
 * if (!server.ok) throw postgresUnavailable(server.reason);
 * // …use server.url…, then in afterAll: await server.stop();
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** `SHIFTFLOW_PG_BIN`, else the newest Debian-packaged PostgreSQL (`/usr/lib/postgresql/<major>/bin`). */
export const postgresBinaries = process.env.SHIFTFLOW_PG_BIN ?? newestDebianPostgres();

function newestDebianPostgres(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return path.join(root, majors[0] ?? '15', 'bin');
}

export type PostgresServer =
  | { ok: true; url: string; port: number; dataDir: string; pid: number; stop(): Promise<void> }
  | { ok: false; reason: string };

/** Finds a free TCP port on 127.0.0.1 by binding port 0 and closing the socket again. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`unexpected server address ${String(address)}`));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

function asPostgres(command: string, args: string[]): string[] {
  return process.getuid?.() === 0
    ? ['runuser', '-u', 'postgres', '--', command, ...args]
    : [command, ...args];
}

/** Starts PostgreSQL; never throws for an environment that cannot run it, returns `{ ok: false, reason }`. */
export async function startPostgresServer(options: { timeoutMs?: number } = {}): Promise<PostgresServer> {
  // Generous: on a busy 2-core machine initdb plus the first start can take over a minute.
  const timeoutMs = options.timeoutMs ?? 180_000;
  const initdb = path.join(postgresBinaries, 'initdb');
  const postgres = path.join(postgresBinaries, 'postgres');
  if (!existsSync(initdb) || !existsSync(postgres)) {
    return { ok: false, reason: `PostgreSQL binaries not found in ${postgresBinaries}` };
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-pg-'));
  const dataDir = path.join(root, 'data');
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    chmodSync(root, 0o777);
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', root]);
    const [command, ...args] = asPostgres(initdb, [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    execFileSync(command!, args, { stdio: 'pipe' });
  } catch (error) {
    cleanup();
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `initdb failed: ${detail.split('\n').slice(0, 3).join(' ')}` };
  }
  const port = await freePort();
  writeFileSync(path.join(root, 'server.log'), '');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', path.join(root, 'server.log')]);
  const [command, ...args] = asPostgres(postgres, [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    root,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=50',
  ]);
  const child: ChildProcess = spawn(command!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  for (;;) {
    if (log.includes('ready to accept connections')) break;
    if (child.exitCode !== null) {
      cleanup();
      return { ok: false, reason: `postgres exited with ${child.exitCode}: ${log.trim().slice(-400)}` };
    }
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      await exited;
      cleanup();
      return { ok: false, reason: `postgres not ready after ${timeoutMs} ms: ${log.trim().slice(-400)}` };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // runuser does not forward signals: stop the postmaster itself, by the PID it wrote.
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    ok: true,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    pid,
    async stop() {
      if (child.exitCode === null) {
        // SIGINT is PostgreSQL's "fast" shutdown; runuser exits when the postmaster does.
        process.kill(pid, 'SIGINT');
        const timer = setTimeout(() => {
          process.kill(pid, 'SIGKILL');
          child.kill('SIGKILL');
        }, 10_000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
  };
}

/** The error a PostgreSQL suite fails with when the server cannot start here: the reason and the fix. */
export function postgresUnavailable(reason: string): Error {
  return new Error(
    `the PostgreSQL engine's tests need a PostgreSQL server and could not start one: ${reason}. ` +
      'Install PostgreSQL (Debian: apt-get install postgresql, as .ci/run does) or point SHIFTFLOW_PG_BIN at its bin folder.',
  );
}
