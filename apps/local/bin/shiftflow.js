#!/usr/bin/env node
// The `shiftflow` bin is this committed launcher, not dist/cli.js: in the workspace pnpm links bins
// at install time, before anything is built, and warns about a bin whose file does not exist yet.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('shiftflow: apps/local/dist/cli.js is not built yet; run "pnpm build" first\n');
  process.exit(1);
}
await import(cli.href);
