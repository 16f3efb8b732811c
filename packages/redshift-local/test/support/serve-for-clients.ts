/**
 * `redshift-local serve` for tests that drive it with clients written by others (the AWS CLI, boto3):
 * the server on 127.0.0.1:0 over a fresh state folder (PGlite, or a PostgreSQL URL), the environment
 * those clients need (the exports serve prints, no AWS config files), and the clients themselves.
 * Needs the `aws` command and python3 with boto3 (Debian: awscli, python3-boto3; .ci/run installs them).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalRedshift } from '../../src/index';
import { runRedshiftLocalCommand } from '../../src/run-redshift-local-command';

const run = promisify(execFile);

/** The lines every boto3 script starts with: `client` and `ended(id)`, which polls until the end. */
export const boto3Prelude = `
import json, time, boto3
client = boto3.client("redshift-data")
def ended(statement_id):
    while True:
        description = client.describe_statement(Id=statement_id)
        if description["Status"] in ("FINISHED", "FAILED", "ABORTED"):
            return description
        time.sleep(0.05)
`;

/** A running `serve` and its clients. */
export interface ServeForClients {
  /** The S3 root serve reads COPY sources from. */
  s3Root: string;
  /** `aws redshift-data <args> --output json`, parsed. */
  aws(...args: string[]): Promise<Record<string, unknown>>;
  /** Runs `aws redshift-data execute-statement --sql <sql> <where…>` and polls until it ends. */
  awsStatement(sql: string, ...where: string[]): Promise<Record<string, unknown>>;
  /** Runs a boto3 script (after {@link boto3Prelude}) and parses the JSON it prints. */
  boto3<T>(script: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts `redshift-local serve` in a new temporary folder named after `name`; `postgresUrl` picks
 * the PostgreSQL engine.
 *
 * @example
 * const serve = await startServeForClients('copy-errors', undefined);
 * const described = await serve.awsStatement('select 1', '--workgroup-name', 'local', '--database', 'dev');
 */
export async function startServeForClients(
  name: string,
  postgresUrl: string | undefined,
): Promise<ServeForClients> {
  const root = mkdtempSync(path.join(os.tmpdir(), `redshift-local-${name}-`));
  chmodSync(root, 0o755);
  const s3Root = path.join(root, 's3');
  mkdirSync(s3Root, { mode: 0o755 });
  const engineArguments =
    postgresUrl === undefined ? ['--data-dir', path.join(root, 'data')] : ['--postgres-url', postgresUrl];
  const quiet = { write: () => true };
  let redshift: LocalRedshift | undefined;
  try {
    redshift = await runRedshiftLocalCommand(
      ['serve', '--s3-root', s3Root, '--port', '0', ...engineArguments],
      quiet,
      quiet,
    );
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const environment: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: root,
    ...redshift?.environment,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };

  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    try {
      const { stdout } = await run('aws', ['redshift-data', ...args, '--output', 'json'], {
        env: environment,
      });
      return JSON.parse(stdout) as Record<string, unknown>;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT')
        throw new Error('this test needs the AWS CLI (Debian: apt-get install awscli; .ci/run installs it)');
      throw error;
    }
  }

  return {
    s3Root,
    aws,
    async awsStatement(sql, ...where) {
      const submitted = await aws('execute-statement', '--sql', sql, ...where);
      for (;;) {
        const described = await aws('describe-statement', '--id', String(submitted.Id));
        if (['FINISHED', 'FAILED', 'ABORTED'].includes(String(described.Status)))
          return { ...described, SessionId: submitted.SessionId };
      }
    },
    async boto3<T>(script: string): Promise<T> {
      const python = await run('python3', ['-c', `${boto3Prelude}${script}`], { env: environment }).catch(
        (error: unknown) => {
          const stderr = String((error as { stderr?: unknown }).stderr ?? error);
          if (/No module named .?boto3/.test(stderr) || (error as { code?: unknown }).code === 'ENOENT')
            throw new Error(
              `this test needs python3 with boto3 (Debian: python3-boto3; .ci/run installs it): ${stderr}`,
            );
          throw error;
        },
      );
      return JSON.parse(python.stdout) as T;
    },
    async close() {
      await redshift?.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
