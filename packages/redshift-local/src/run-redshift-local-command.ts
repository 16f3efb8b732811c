/**
 * The `redshift-local` command's logic, separate from the process wiring in `cli.ts` so it can be
 * tested in-process.
 */
import { InvalidOptionError } from './errors';
import { ndjsonEventSink } from './ndjson-event-sink';
import { parseRedshiftLocalArguments } from './parse-redshift-local-arguments';
import { resolveServeOptions } from './resolve-serve-options';
import { type LocalRedshift, startLocalRedshift } from './start-local-redshift';
import { webhookEventSink } from './webhook-event-sink';

/** Usage text of the `redshift-local` command. */
export const redshiftLocalUsage = `usage: redshift-local serve --s3-root DIR [--data-dir DIR] [--port N] [--postgres-url URL]
                      [--database dev] [--region us-east-1] [--json]
       redshift-local help [serve]
       redshift-local --version

  -h, --help           show this help
  -v, --version        print the version of @shiftflow/redshift-local

  --s3-root DIR        folder standing in for S3: s3://bucket/key reads DIR/bucket/key (created if missing)
  --data-dir DIR       PGlite data directory, kept between runs (default: a temp dir removed on exit)
  --port N             port on 127.0.0.1 (default 0: a free port)
  --postgres-url URL   use a PostgreSQL server instead of PGlite
  --faults JSON        inject faults (the faults option as JSON), e.g. '{"throttle":{"count":3}}'
  --latency PROFILE    fast (default: statements start at once) or realistic (seeded queue and compile
                       delays, so clients see SUBMITTED, PICKED and STARTED)
  --latency-seed N     seed of the realistic profile's delays (default 1)
  --events-to URL      also POST each status-change event (JSON) to this http(s) URL
  --events-file FILE   also append each status-change event to FILE as a JSON line
  --json               print one JSON document { endpoint, environment } instead of export lines

  stdout gets only the result: the export lines (eval-able, after a # comment) or the --json
  document. stderr gets errors and the status-change events, one JSON line each; events are also
  streamed as server-sent events on GET <endpoint>/events.
`;

/**
 * Runs `redshift-local <argv>`: for `serve`, starts the local Redshift, writes the `export …` lines
 * (or, with `--json`, one JSON document) to `output`, and the status-change events as JSON lines
 * to `events` (the CLI's stderr); returns the running instance (undefined after
 * printing usage or the version).
 *
 * @example
 * const redshift = await runRedshiftLocalCommand(['serve', '--s3-root', './s3'], process.stdout, process.stderr);
 */
export async function runRedshiftLocalCommand(
  argv: string[],
  output: { write(text: string): unknown },
  events: { write(text: string): unknown },
  about: { version?: string | undefined } = {},
): Promise<LocalRedshift | undefined> {
  const { positionals, values } = parseRedshiftLocalArguments(argv);
  if (values.version) {
    output.write(`${about.version ?? 'unknown'}\n`);
    return undefined;
  }
  if (values.help || positionals[0] === 'help') {
    if (positionals[0] === 'help' && positionals[1] !== undefined && positionals[1] !== 'serve') {
      throw new InvalidOptionError('command', positionals[1], 'is not known; expected "serve"');
    }
    output.write(redshiftLocalUsage);
    return undefined;
  }
  if (positionals[0] !== 'serve') {
    throw new InvalidOptionError(
      'command',
      positionals[0] ?? '',
      `is not known; expected "serve"\n${redshiftLocalUsage}`,
    );
  }
  const serve = resolveServeOptions(values);
  const redshift = await startLocalRedshift(serve.redshift);
  redshift.onStatusChange((event) => events.write(`${JSON.stringify(event)}\n`));
  if (serve.eventsTo !== undefined) redshift.onStatusChange(webhookEventSink(serve.eventsTo));
  if (serve.eventsFile !== undefined) redshift.onStatusChange(ndjsonEventSink(serve.eventsFile));
  if (values.json) {
    output.write(`${JSON.stringify({ endpoint: redshift.endpoint, environment: redshift.environment })}\n`);
  } else {
    // A shell comment: `eval "$(redshift-local serve …)"` still works.
    output.write(`# redshift-local serving the Redshift Data API on ${redshift.endpoint}\n`);
    for (const [name, value] of Object.entries(redshift.environment))
      output.write(`export ${name}=${value}\n`);
  }
  return redshift;
}
