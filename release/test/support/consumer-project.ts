import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from './workspace';

const execFileAsync = promisify(execFile);

/** Whether `file` is `directory` or lies inside it. */
function isInside(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A new folder in the system temp directory for a consumer project, checked so that Node's module
 * resolution from inside it can only find what is installed in it: it is outside the repository and
 * no folder above it has a `node_modules`.
 */
export function isolatedDirectory(prefix: string): string {
  const directory = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  if (isInside(directory, realpathSync(repositoryRoot))) {
    throw new Error(`the temp directory ${directory} is inside the repository; set TMPDIR elsewhere`);
  }
  for (let parent = path.dirname(directory); ; parent = path.dirname(parent)) {
    if (existsSync(path.join(parent, 'node_modules'))) {
      throw new Error(
        `${parent}/node_modules exists: a consumer project in ${directory} could resolve from it`,
      );
    }
    if (path.dirname(parent) === parent) break;
  }
  return directory;
}

/** PATH without the repository's folders (its node_modules/.bin, the pinned Node). */
export function pathOutsideRepository(): string {
  const root = realpathSync(repositoryRoot);
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(
      (entry) => entry !== '' && !isInside(path.resolve(entry), root) && !isInside(entry, repositoryRoot),
    )
    .join(path.delimiter);
}

const passedThrough = [
  'HOME',
  'TMPDIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'npm_config_registry',
  'NPM_CONFIG_REGISTRY',
  'npm_config_cache',
  'NPM_CONFIG_CACHE',
];

/**
 * The environment a consumer process gets: no variable of the repository's tooling (no NODE_PATH,
 * NODE_OPTIONS, npm_* or pnpm settings), PATH without the repository, dummy AWS credentials, no AWS
 * profile files and a dead default endpoint, so an SDK client without an explicit endpoint fails
 * locally instead of reaching AWS.
 */
export function consumerEnvironment(scratch: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const name of passedThrough) {
    const value = process.env[name];
    if (value !== undefined) environment[name] = value;
  }
  return {
    ...environment,
    PATH: pathOutsideRepository(),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(scratch, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(scratch, 'no-aws-credentials'),
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    ...extra,
  };
}

/** What a finished process wrote. */
export interface ProcessOutput {
  stdout: string;
  stderr: string;
}

/** Runs a program to completion; a non-zero exit rejects with its output in the message. */
export async function runProgram(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ProcessOutput> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, {
      cwd: options.cwd,
      env: options.env,
      timeout: options.timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    return { stdout, stderr };
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `${file} ${args.join(' ')} failed: ${failure.message}\n--- stdout\n${failure.stdout ?? ''}\n--- stderr\n${failure.stderr ?? ''}`,
      { cause: error },
    );
  }
}

/**
 * The observations a consumer script reported: the JSON after `RESULT ` on its one result line
 * (bigints arrive as `{ bigint: '…' }`).
 */
export function resultOf(output: ProcessOutput): Record<string, unknown> {
  const line = output.stdout.split('\n').find((candidate) => candidate.startsWith('RESULT '));
  if (line === undefined) {
    throw new Error(
      `the consumer reported no RESULT line\n--- stdout\n${output.stdout}\n--- stderr\n${output.stderr}`,
    );
  }
  return JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>;
}

/** A Node.js executable found on PATH outside the repository (CI's system Node), with its version. */
export function systemNode(): { executable: string; version: string } | undefined {
  for (const directory of pathOutsideRepository().split(path.delimiter)) {
    const candidate = path.join(directory, process.platform === 'win32' ? 'node.exe' : 'node');
    if (!existsSync(candidate)) continue;
    const executable = realpathSync(candidate);
    const version = execFileSync(executable, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    return { executable, version };
  }
  return undefined;
}
