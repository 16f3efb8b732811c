import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI the tests spawn, exactly as `pnpm shiftflow` runs it. */
export const cliPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
/** The repository root: the CLI finds shiftflow.config.json there. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Environment for spawned CLIs: dummy AWS credentials, never a real profile. */
export const testEnvironment: NodeJS.ProcessEnv = {
  ...process.env,
  // The CLI resolves paths against INIT_CWD when pnpm set it; the tests mean the repository root.
  INIT_CWD: repositoryRoot,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  NO_COLOR: '1',
};

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(cliPath))
    throw new Error(`${cliPath} is missing: run pnpm --filter @shiftflow/local build first`);
}

/** Spawns `node dist/cli.js <args>` in the repository root with the test environment. */
function spawnCli(args: readonly string[]) {
  assertBuilt();
  return spawn(process.execPath, [cliPath, ...args], {
    cwd: repositoryRoot,
    env: testEnvironment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `node dist/cli.js <args>` in the repository root and collects its output. */
export async function runCliProcess(
  args: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<CliResult> {
  const child = spawnCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 110_000);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/**
 * Starts a long-running CLI command (`serve`, `dev`, `run`) and resolves with its first line on
 * either stream (results go to stdout, progress to stderr); `output()` is both, in arrival order.
 */
export async function startCliProcess(args: readonly string[]): Promise<{
  child: ChildProcess;
  firstLine: string;
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<number | null>;
}> {
  const child = spawnCli(args);
  let output = '';
  let stdout = '';
  let stderr = '';
  const closed = once(child, 'close') as Promise<[number | null]>;
  const firstLine = await new Promise<string>((resolve, reject) => {
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (stream === 'stdout') stdout += text;
      else stderr += text;
      const newline = output.indexOf('\n');
      if (newline >= 0) resolve(output.slice(0, newline));
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    void closed.then(([code]) => reject(new Error(`the CLI exited with ${code} before printing: ${stderr}`)));
  });
  return {
    child,
    firstLine,
    output: () => output,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGINT');
      const [code] = await closed;
      return code;
    },
  };
}
