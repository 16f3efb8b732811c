import type { LatencyOptions } from '@shiftflow/redshift-local';
import { UsageError } from '../errors';
import type { CommandOptions } from './command-options';
import { integerOption } from './command-options';

/**
 * `--latency fast|realistic` and `--latency-seed N`: the local Redshift's latency profile. `fast`
 * (the default) leaves it off; `realistic` holds each statement SUBMITTED and PICKED for seeded
 * queue and compile times, as the service does.
 *
 * @throws UsageError naming the flag and the bad value.
 * @example
 * latencyOption({ latency: 'realistic', 'latency-seed': '7' }); // { profile: 'realistic', seed: 7 }
 */
export function latencyOption(options: CommandOptions): LatencyOptions | undefined {
  const value = options.latency;
  if (value === undefined || value === 'fast') return undefined;
  if (value !== 'realistic') {
    throw new UsageError(`--latency ${JSON.stringify(value)} is not known; use fast or realistic`);
  }
  return { profile: 'realistic', seed: integerOption(options, 'latency-seed', 1, 0) };
}
