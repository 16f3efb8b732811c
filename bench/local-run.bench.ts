/**
 * Time to first notification of `shiftflow run` (the CLI as `pnpm shiftflow run` starts it) on the
 * default sample: with a fresh state folder (engine created, sample generated, setup applied)
 * and with a warm one (all of that already there). Fresh and warm alternate in one run.
 *
 * A fresh state folder's engine is unpacked from the data dir redshift-local prepares at build time
 * (`packages/redshift-local/dist/prepared-data-dir.tgz`); the notes say whether that image was there.
 *
 * Needs a build first: `pnpm turbo run build --filter=@shiftflow/local...`.
 * Run: `node bench/local-run.bench.ts [rounds]` (Node 24).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, gitCommit, report, summarise } from './lib/harness.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repositoryRoot, 'apps', 'local', 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error(`${cli} is missing: build first with pnpm turbo run build --filter=@shiftflow/local...`);
  process.exit(1);
}
const rounds = Number(process.argv[2] ?? 3);
const notificationMarker = '┌─ notification';

interface Timing {
  firstNotificationMs: number;
  exitMs: number;
  /** Start of the local endpoints (engine open or created), as the CLI prints it. */
  startMs: number;
  /** The ELT statement's own duration, as the CLI prints it. */
  statementMs: number;
}

/** Reads a duration the CLI printed: "850 ms", "2.4 s". */
function printedMs(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no ${pattern} in the output:\n${text}`);
  return match[2] === 's' ? Number(match[1]) * 1000 : Number(match[1]);
}

/** Runs `shiftflow run` once and measures when the notification appears on stdout and when it exits. */
function timeRun(stateDirectory: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstNotificationMs: number | undefined;
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [cli, 'run', '--state-dir', stateDirectory], {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'us-east-1',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Progress and the notification go to stderr (stdout carries only the views' tables).
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (firstNotificationMs === undefined && stderr.includes(notificationMarker)) {
        firstNotificationMs = performance.now() - started;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const exitMs = performance.now() - started;
      if (code !== 0 || firstNotificationMs === undefined) {
        reject(new Error(`shiftflow run exited ${code} without a notification:\n${stdout}\n${stderr}`));
        return;
      }
      resolve({
        firstNotificationMs,
        exitMs,
        startMs: printedMs(stderr, /state .*\((\d+(?:\.\d+)?) (ms|s)\)\n/),
        statementMs: printedMs(stderr, /FINISHED\s+[\d,]+ rows in (\d+(?:\.\d+)?) (ms|s)/),
      });
    });
  });
}

const warmState = mkdtempSync(path.join(tmpdir(), 'shiftflow-bench-warm-'));
const fresh: Timing[] = [];
const warm: Timing[] = [];
try {
  await timeRun(warmState); // prepares the warm folder: engine, sample, setup
  await alternate(
    rounds,
    async () => {
      const state = mkdtempSync(path.join(tmpdir(), 'shiftflow-bench-fresh-'));
      try {
        const timing = await timeRun(state);
        fresh.push(timing);
        return timing.firstNotificationMs;
      } finally {
        rmSync(state, { recursive: true, force: true });
      }
    },
    async () => {
      const timing = await timeRun(warmState);
      warm.push(timing);
      return timing.firstNotificationMs;
    },
    0,
  );
} finally {
  rmSync(warmState, { recursive: true, force: true });
}

const freshFirst = summarise(
  'ms',
  fresh.map((timing) => Math.round(timing.firstNotificationMs)),
);
const warmFirst = summarise(
  'ms',
  warm.map((timing) => Math.round(timing.firstNotificationMs)),
);
report({
  name: 'local-run',
  description: 'time to first notification of `shiftflow run` on the default 20,000-trip sample',
  command: `node bench/local-run.bench.ts ${rounds}`,
  metrics: {
    'fresh state: first notification': freshFirst,
    'warm state: first notification': warmFirst,
    'fresh state: process exit': summarise(
      'ms',
      fresh.map((timing) => Math.round(timing.exitMs)),
    ),
    'warm state: process exit': summarise(
      'ms',
      warm.map((timing) => Math.round(timing.exitMs)),
    ),
    'fresh state: endpoints up (engine created)': summarise(
      'ms',
      fresh.map((timing) => timing.startMs),
    ),
    'warm state: endpoints up (engine reopened)': summarise(
      'ms',
      warm.map((timing) => timing.startMs),
    ),
    'warm state: ELT statement': summarise(
      'ms',
      warm.map((timing) => timing.statementMs),
    ),
  },
  ratios: { 'fresh / warm (first notification)': freshFirst.median / warmFirst.median },
  notes: {
    commit: gitCommit(),
    sampleRows: 20_000,
    cli: 'node apps/local/dist/cli.js run --state-dir <folder>',
    'target warm ≤ 1000 ms met (issue 21)': warmFirst.median <= 1000,
    'target fresh ≤ 2000 ms met (issue 21)': freshFirst.median <= 2000,
    'prepared data dir image built': existsSync(
      path.join(repositoryRoot, 'packages', 'redshift-local', 'dist', 'prepared-data-dir.json'),
    ),
    load: (await import('node:os'))
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' '),
  },
});
