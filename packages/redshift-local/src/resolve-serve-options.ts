/** The options of `redshift-local serve`, checked and turned into what startLocalRedshift takes. */
import { mkdirSync } from 'node:fs';
import { InvalidOptionError } from './errors';
import type { FaultOptions } from './fault-injector';
import type { RedshiftLocalArgumentValues } from './parse-redshift-local-arguments';
import type { LocalRedshiftOptions } from './start-local-redshift';

/** What `redshift-local serve` starts and where it sends the status-change events. */
export interface ServeOptions {
  readonly redshift: LocalRedshiftOptions;
  /** `--events-to`: an http(s) URL each event is POSTed to. */
  readonly eventsTo: string | undefined;
  /** `--events-file`: a file each event is appended to as a JSON line. */
  readonly eventsFile: string | undefined;
}

/**
 * Checks the `serve` option values in command-line order and creates the `--s3-root` folder (once it
 * is given, before the options after it are checked).
 *
 * @throws InvalidOptionError naming the option and its bad value.
 * @example
 * const { redshift } = resolveServeOptions(parseRedshiftLocalArguments(['serve', '--s3-root', './s3']).values);
 */
export function resolveServeOptions(values: RedshiftLocalArgumentValues): ServeOptions {
  const s3Root = values['s3-root'];
  if (s3Root === undefined) throw new InvalidOptionError('--s3-root', s3Root, 'is required');
  mkdirSync(s3Root, { recursive: true });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port)) throw new InvalidOptionError('--port', values.port, 'must be an integer');
  let faults: FaultOptions | undefined;
  if (values.faults !== undefined) {
    try {
      faults = JSON.parse(values.faults) as FaultOptions;
    } catch (error) {
      throw new InvalidOptionError('--faults', values.faults, 'is not valid JSON', { cause: error });
    }
  }
  const eventsTo = values['events-to'];
  if (eventsTo !== undefined && !/^https?:\/\/[^/]/.test(eventsTo)) {
    throw new InvalidOptionError('--events-to', eventsTo, 'must be an http:// or https:// URL');
  }
  const latency = values.latency ?? 'fast';
  if (latency !== 'fast' && latency !== 'realistic') {
    throw new InvalidOptionError('--latency', latency, 'must be fast or realistic');
  }
  const seed = values['latency-seed'] === undefined ? 1 : Number(values['latency-seed']);
  if (!Number.isInteger(seed))
    throw new InvalidOptionError('--latency-seed', values['latency-seed'], 'must be an integer');
  const redshift: LocalRedshiftOptions = {
    latency: { profile: latency, seed },
    s3Root,
    port,
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values['postgres-url'] !== undefined
      ? { engine: { type: 'postgres', url: values['postgres-url'] } }
      : {}),
    ...(values.database !== undefined ? { database: values.database } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(faults !== undefined ? { faults } : {}),
  };
  return { redshift, eventsTo, eventsFile: values['events-file'] };
}
