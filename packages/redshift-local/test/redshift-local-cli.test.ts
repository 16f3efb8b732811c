import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built bin, as `redshift-local` runs it once installed. */
const cliPath = path.join(packageRoot, 'dist', 'cli.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'redshift-local-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function start(args: readonly string[]) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const closed = once(child, 'close').then(([code]) => code as number | null);
  return { child, closed, stdout: () => stdout, stderr: () => stderr };
}

async function run(args: readonly string[]) {
  const started = start(args);
  const code = await started.closed;
  return { code, stdout: started.stdout(), stderr: started.stderr() };
}

describe('redshift-local CLI', () => {
  it('prints the version of its package.json for --version and -v, and lists them in the help', async () => {
    const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
      version: string;
    };

    const long = await run(['--version']);
    const short = await run(['-v']);
    const help = await run(['--help']);

    expect(long).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(short).toEqual(long);
    expect(help.stdout).toContain('-v, --version');
  });

  it('shows the usage for help and help serve, and refuses help for an unknown command on stderr', async () => {
    const help = await run(['help']);
    const serve = await run(['help', 'serve']);
    const unknown = await run(['help', 'start']);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: redshift-local serve --s3-root DIR/);
    expect(serve.stdout).toBe(help.stdout);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('"start" is not known');
  });

  it('serve --json writes one JSON document on stdout, and Ctrl-C (also relayed twice) stops it with exit 0', async () => {
    const serve = start([
      'serve',
      '--json',
      '--s3-root',
      path.join(root, 's3'),
      '--data-dir',
      path.join(root, 'data'),
    ]);
    await new Promise<void>((resolve, reject) => {
      serve.child.stdout.on('data', () => {
        if (serve.stdout().endsWith('\n')) resolve();
      });
      void serve.closed.then((code) => reject(new Error(`exited with ${code}: ${serve.stderr()}`)));
    });

    const document = JSON.parse(serve.stdout()) as { endpoint: string; environment: Record<string, string> };
    serve.child.kill('SIGINT');
    serve.child.kill('SIGINT');
    const code = await serve.closed;

    expect(document.environment.AWS_ENDPOINT_URL_REDSHIFT_DATA).toBe(document.endpoint);
    expect(code).toBe(0);
  });
});
