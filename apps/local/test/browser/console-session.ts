import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startCliProcess } from '../cli-process';
import { findChromium } from './find-chromium';

/** Screenshots of the browser tests (git-ignored); `SHIFTFLOW_CONSOLE_SCREENSHOTS` adds a second folder. */
export const screenshotFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test-output',
  'console',
);

/** A running `shiftflow <command>` with the console, and a headless Chromium on its printed URL. */
export interface ConsoleSession {
  /** The printed URL, with its token. */
  url: string;
  /** The console's origin, `http://127.0.0.1:<port>`. */
  origin: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  output: () => string;
  /** Errors the page logged or threw (CSP violations, exceptions) and answers >= 400 (`404 GET http://…`), in order. */
  pageErrors: string[];
  /** Closes the browser and stops the CLI with Ctrl-C; resolves with its exit code. */
  close: () => Promise<number | null>;
}

/** Resolves with the first match of `pattern` in the CLI's output, as soon as it is printed. */
function waitForOutput(
  cli: Awaited<ReturnType<typeof startCliProcess>>,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(cli.output());
      if (!match) return false;
      finish();
      resolve(match);
      return true;
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${pattern} was not printed within ${timeoutMs} ms; output:\n${cli.output()}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      finish();
      reject(new Error(`the CLI exited with ${code} before printing ${pattern}; output:\n${cli.output()}`));
    };
    const finish = () => {
      clearTimeout(timer);
      cli.child.stdout?.off('data', onData);
      cli.child.stderr?.off('data', onData);
      cli.child.off('exit', onExit);
    };
    // startCliProcess collects output on its own listener; ours runs after it, so output() is current.
    const onData = () => void check();
    if (check()) return;
    cli.child.stdout?.on('data', onData);
    cli.child.stderr?.on('data', onData);
    cli.child.once('exit', onExit);
  });
}

/**
 * Starts `shiftflow <args>` (dev or console), waits for its `console: http://…/?token=…` line, and
 * opens that URL in headless Chromium (Debian's package, never a downloaded browser).
 */
export async function openConsole(args: readonly string[]): Promise<ConsoleSession> {
  const executablePath = findChromium();
  const cli = await startCliProcess(args);
  let browser: Browser | undefined;
  try {
    const [, url] = await waitForOutput(cli, /console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/, 300_000);
    const origin = new URL(url!).origin;
    browser = await chromium.launch({ executablePath, headless: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: origin });
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      // A failed request is recorded below with its URL; Chromium's console line has none.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400)
        pageErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url!);
    const opened = browser;
    return {
      url: url!,
      origin,
      browser: opened,
      context,
      page,
      output: cli.output,
      pageErrors,
      close: async () => {
        await opened.close();
        return cli.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await cli.stop();
    throw error;
  }
}

/**
 * Writes a screenshot `<name>.png` of the page (its whole height up to 1,600 px) under the test
 * output folder, and also under `SHIFTFLOW_CONSOLE_SCREENSHOTS` when set (the README's pictures).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folders = [screenshotFolder];
  const extra = process.env.SHIFTFLOW_CONSOLE_SCREENSHOTS;
  if (extra) folders.push(path.resolve(extra));
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  const width = page.viewportSize()?.width ?? 1280;
  for (const folder of folders) {
    await mkdir(folder, { recursive: true });
    await page.screenshot({
      path: path.join(folder, `${name}.png`),
      fullPage: true,
      clip: { x: 0, y: 0, width, height: Math.min(height, 1600) },
    });
  }
}
