#!/usr/bin/env node
/**
 * The `redshift-local` command: `redshift-local serve --port N --data-dir D --s3-root S [--postgres-url U]`
 * serves the local Redshift Data API and prints the `export …` lines for the AWS SDK, boto3 and the AWS CLI.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InvalidOptionError } from './errors';
import { startLocalRedshift } from './start-local-redshift';

const usage = `usage: redshift-local serve --s3-root DIR [--data-dir DIR] [--port N] [--postgres-url URL]
                      [--database dev] [--region us-east-1]

  --s3-root DIR        folder standing in for S3: s3://bucket/key reads DIR/bucket/key (created if missing)
  --data-dir DIR       PGlite data directory, kept between runs (default: a temp dir removed on exit)
  --port N             port on 127.0.0.1 (default 0: a free port)
  --postgres-url URL   use a PostgreSQL server instead of PGlite
`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      's3-root': { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'postgres-url': { type: 'string' },
      database: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] !== 'serve') {
    process.stdout.write(usage);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const s3Root = values['s3-root'];
  if (s3Root === undefined) throw new InvalidOptionError('--s3-root', s3Root, 'is required');
  mkdirSync(s3Root, { recursive: true });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port)) throw new InvalidOptionError('--port', values.port, 'must be an integer');
  const redshift = await startLocalRedshift({
    s3Root,
    port,
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values['postgres-url'] !== undefined
      ? { engine: { type: 'postgres', url: values['postgres-url'] } }
      : {}),
    ...(values.database !== undefined ? { database: values.database } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
  });
  redshift.onStatusChange((event) => {
    process.stderr.write(`${JSON.stringify(event)}\n`);
  });
  process.stdout.write(`# redshift-local serving the Redshift Data API on ${redshift.endpoint}\n`);
  for (const [name, value] of Object.entries(redshift.environment))
    process.stdout.write(`export ${name}=${value}\n`);
  const stop = () => {
    redshift.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`redshift-local: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
