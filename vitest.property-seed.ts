/**
 * Every package's test setup (see vitest.shared.ts): makes fast-check property tests replayable.
 *
 * - `SHIFTFLOW_PROPERTY_SEED=<n>` runs every property of the run with that seed (a fresh random seed
 *   per property otherwise, as fast-check does by default).
 * - A failing property's report ends with the command that replays it: the seed, the package and
 *   the test file and name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';

const seedVariable = 'SHIFTFLOW_PROPERTY_SEED';

function seedFromEnvironment(): number | undefined {
  const text = process.env[seedVariable];
  if (text === undefined || text.trim() === '') return undefined;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`${seedVariable}="${text}" is not an integer; pass a seed a failing run printed`);
  }
  return seed;
}

/** The name in the package.json of the folder vitest runs in (each package's own), if any. */
function packageName(): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'));
    if (typeof manifest === 'object' && manifest !== null && 'name' in manifest) {
      return typeof manifest.name === 'string' ? manifest.name : undefined;
    }
    return undefined;
  } catch {
    // No readable package.json here: the command is printed without --filter, still replayable.
    return undefined;
  }
}

/** The shell command that replays the property that is failing now, with `seed`. */
export function replayCommand(seed: number): string {
  const { testPath, currentTestName } = expect.getState();
  const name = packageName();
  const filter = name === undefined ? '' : ` --filter ${name}`;
  const file = testPath === undefined ? '' : ` ${path.relative(process.cwd(), testPath)}`;
  const test = currentTestName === undefined ? '' : ` -t ${JSON.stringify(currentTestName)}`;
  return `${seedVariable}=${seed} pnpm${filter} exec vitest run${file}${test}`;
}

function report(details: fc.RunDetails<unknown>): void {
  if (!details.failed) return;
  throw new Error(
    `${fc.defaultReportMessage(details) ?? 'Property failed'}\n\nReplay: ${replayCommand(details.seed)}`,
  );
}

const seed = seedFromEnvironment();
fc.configureGlobal({
  ...(seed === undefined ? {} : { seed }),
  // One synchronous reporter serves sync and async properties (fast-check refuses both kinds at once).
  reporter: report,
});
