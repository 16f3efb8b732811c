#!/usr/bin/env node
import { runCli } from './cli/run-cli';

const controller = new AbortController();
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupts++;
    // A second Ctrl-C while shutting down stops at once.
    if (interrupts > 1) process.exit(130);
    controller.abort(new Error(`received ${signal}`));
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
// Exit now even if a library left a handle open: every command has finished and closed what it started.
process.exit(code);
