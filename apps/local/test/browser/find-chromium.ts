import { accessSync, constants } from 'node:fs';

/** Where Debian's `chromium` package (and a few other distributions' browsers) put the program. */
const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    // Not there or not executable: try the next candidate.
    return false;
  }
}

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else the first installed of
 * `candidates`. Throws, never returns nothing: a browser test without a browser must fail and say
 * how to get one (playwright-core downloads no browser).
 */
export function findChromium(environment: NodeJS.ProcessEnv = process.env): string {
  const configured = environment.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (isExecutable(configured)) return configured;
    throw new Error(
      `CHROMIUM_PATH is "${configured}", which is not an executable file: point it at a Chromium or Chrome binary, or unset it and run apt-get install chromium`,
    );
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new Error(
    `no Chromium found (looked for ${candidates.join(', ')}): the console's browser tests need one; run apt-get install chromium (Debian/Ubuntu) or set CHROMIUM_PATH`,
  );
}
