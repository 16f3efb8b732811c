import { exitCodes } from '../commands/exit-codes';
import { flushOutput } from './flush-output';
import { runCli } from './run-cli';

const controller = new AbortController();
/**
 * Signals within this long of the first are the same request to stop, passed on by a parent: under
 * `pnpm dev` the terminal sends Ctrl-C's SIGINT to the whole process group and pnpm relays it once
 * more (a pnpm run by pnpm then sends SIGTERM). Measured with pnpm 10.34: the copies arrive within
 * milliseconds. Only a signal after this stops at once.
 */
const relayedSignalWindowMs = 1000;
let firstSignalAt: number | undefined;
let finishing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    const now = performance.now();
    // The first signal asks the command to stop (a query cancels its statement, a run its wait,
    // dev stops cleanly and exits 0); the user pressing Ctrl-C again, or while the output of a
    // finished command drains, stops at once.
    if (firstSignalAt === undefined && finishing) process.exit(exitCodes.interrupted);
    if (firstSignalAt === undefined) {
      firstSignalAt = now;
      controller.abort(new Error(`received ${signal}`));
      return;
    }
    if (now - firstSignalAt > relayedSignalWindowMs) process.exit(exitCodes.interrupted);
  });
}

// The output cannot be written: the reader went away (EPIPE: `shiftflow query --json | head -c
// 100`) or the file it goes to failed (ENOSPC). No stack trace: the command is stopped as by
// Ctrl-C (a running statement is cancelled) and the exit code says the output was cut.
let outputError: { stream: 'stdout' | 'stderr'; error: NodeJS.ErrnoException } | undefined;
for (const [name, stream] of [
  ['stdout', process.stdout],
  ['stderr', process.stderr],
] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    outputError ??= { stream: name, error };
    // The EPIPE error itself is the reason, so commands can tell a closed reader (say nothing).
    controller.abort(error.code === 'EPIPE' ? error : new Error(`cannot write to ${name}: ${error.message}`));
  });
}

const code = await runCli(process.argv.slice(2), {
  // Through `pnpm shiftflow …` the script runs in the repository root; INIT_CWD is where the
  // user typed the command, so relative --state-dir and --config paths mean what they expect.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
finishing = true;
// Everything written reaches the reader before the exit: process.exit() does not wait for a pipe
// to take what is still buffered (a `--json | jq` output was cut at the 64 KiB pipe buffer).
await flushOutput([process.stdout, process.stderr]);
// Exit now even if a library left a handle open: every command has finished and closed what it started.
if (outputError === undefined) process.exit(code);
if (outputError.error.code === 'EPIPE') process.exit(exitCodes.brokenPipe);
// Any other write error is a failure the user must hear about, on the stream that still works.
if (outputError.stream === 'stdout' && !process.stderr.destroyed) {
  process.stderr.write(`error: cannot write the output to stdout: ${outputError.error.message}\n`);
  await flushOutput([process.stderr]);
}
process.exit(code === 0 ? exitCodes.failure : code);
