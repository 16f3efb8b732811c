/**
 * `pnpm bench`: runs every benchmark under bench/ one after another (each is also runnable
 * alone as `node bench/<name>.bench.ts`). Benchmarks run one at a time so they do not share
 * the machine's cores. After a full run (no name filter) it records each benchmark's wall time as
 * bench/results/pnpm-bench.json and regenerates BENCHMARKS.md.
 *
 * Run: `pnpm bench`, or `node bench/run-all.ts [name-part …]` for some of them (add `--md` to
 * regenerate BENCHMARKS.md after those too, e.g. `node bench/run-all.ts --md redshift-local end-to-end`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitCommit, report, summarise } from './lib/harness.ts';

const directory = path.dirname(fileURLToPath(import.meta.url));
const commandLine = process.argv.slice(2);
const markdown = commandLine.includes('--md');
const only = commandLine.filter((argument) => argument !== '--md');
const files = readdirSync(directory)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${only.join(', ')}`);
  process.exit(1);
}
const failed: string[] = [];
const seconds: Record<string, number> = {};
const loadBefore = os.loadavg()[0]!;
const allStarted = Date.now();
for (const file of files) {
  console.log(`\n=== ${file}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(directory, file)], { stdio: 'inherit' });
  seconds[file] = (Date.now() - started) / 1000;
  console.log(`=== ${file}: exit ${result.status} in ${seconds[file]!.toFixed(1)} s`);
  if (result.status !== 0) failed.push(file);
}
const totalSeconds = (Date.now() - allStarted) / 1000;
console.log(`\n=== all benchmarks: ${(totalSeconds / 60).toFixed(1)} min`);
if (only.length === 0) {
  report({
    name: 'pnpm-bench',
    description: `every benchmark under bench/, one at a time (${files.length} files)`,
    command: 'pnpm bench',
    metrics: {
      'total s': summarise('s', [totalSeconds]),
      ...Object.fromEntries(
        Object.entries(seconds).map(([file, value]) => [`${file} s`, summarise('s', [value])]),
      ),
    },
    ratios: {},
    notes: {
      commit: gitCommit(),
      'under 15 minutes': totalSeconds < 15 * 60,
      'load average (1 min) at start': Math.round(loadBefore * 100) / 100,
      failed: failed.length === 0 ? 'none' : failed.join(', '),
    },
  });
}
if (only.length === 0 || markdown) {
  const page = spawnSync(process.execPath, [path.join(directory, 'lib', 'benchmarks-md.ts')], {
    stdio: 'inherit',
  });
  if (page.status !== 0) failed.push('lib/benchmarks-md.ts');
}
if (failed.length > 0) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
