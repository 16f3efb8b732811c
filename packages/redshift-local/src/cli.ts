#!/usr/bin/env node
/**
 * The `redshift-local` command: `redshift-local serve --port N --data-dir D --s3-root S [--postgres-url U]`
 * serves the local Redshift Data API and prints the `export …` lines for the AWS SDK, boto3 and the AWS CLI.
 * Results go to stdout; status-change events and errors to stderr. Exit codes: 0 after a clean stop
 * (Ctrl-C, SIGTERM), 1 when closing failed, 2 for a bad command line or a failed start.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runRedshiftLocalCommand } from './run-redshift-local-command';
import type { LocalRedshift } from './start-local-redshift';

/** This package's version, from its own package.json (a self-reference through its `exports`). */
function packageVersion(): string | undefined {
  // The ESM build knows its file from import.meta.url, the CommonJS build from __filename.
  const file = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const packageJson: unknown = createRequire(file)('@shiftflow/redshift-local/package.json');
  return typeof packageJson === 'object' && packageJson !== null && 'version' in packageJson
    ? String(packageJson.version)
    : undefined;
}

/**
 * Signals within this long of the first are the same request to stop, passed on by a parent (a
 * terminal's Ctrl-C reaches the whole process group, and pnpm relays it once more); a later one
 * stops at once with 130.
 */
const relayedSignalWindowMs = 1000;

let redshift: LocalRedshift | undefined;
let firstSignalAt: number | undefined;
const close = (running: LocalRedshift) => {
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(
        `redshift-local: closing failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(1);
    },
  );
};
// Listening from the start: a signal that came before the server was up would otherwise end the
// process by the signal itself (no clean stop, and a parent such as pnpm reports a failure).
const stop = () => {
  const now = performance.now();
  if (firstSignalAt !== undefined) {
    if (now - firstSignalAt > relayedSignalWindowMs) process.exit(130);
    return;
  }
  firstSignalAt = now;
  if (redshift !== undefined) close(redshift);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

runRedshiftLocalCommand(process.argv.slice(2), process.stdout, process.stderr, {
  version: packageVersion(),
}).then(
  (started) => {
    if (started === undefined) return;
    redshift = started;
    // Stopped while starting: close now that there is something to close.
    if (firstSignalAt !== undefined) close(started);
  },
  (error: unknown) => {
    console.error(`redshift-local: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
