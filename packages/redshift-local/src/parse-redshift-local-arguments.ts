/** The command line of `redshift-local`, read by node:util's parseArgs (see run-redshift-local-command.ts). */
import { parseArgs } from 'node:util';

const redshiftLocalOptions = {
  's3-root': { type: 'string' },
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  'postgres-url': { type: 'string' },
  database: { type: 'string' },
  region: { type: 'string' },
  faults: { type: 'string' },
  'events-to': { type: 'string' },
  latency: { type: 'string' },
  'latency-seed': { type: 'string' },
  'events-file': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * The positionals (the command) and the option values of `redshift-local <argv>`, unvalidated.
 *
 * @throws TypeError (ERR_PARSE_ARGS_*) for an unknown option or a missing option value.
 * @example
 * parseRedshiftLocalArguments(['serve', '--s3-root', './s3']).values['s3-root']; // './s3'
 */
export function parseRedshiftLocalArguments(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, options: redshiftLocalOptions });
}

/** The option values of a `redshift-local` command line. */
export type RedshiftLocalArgumentValues = ReturnType<typeof parseRedshiftLocalArguments>['values'];
