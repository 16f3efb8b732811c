import type { Writable } from 'node:stream';
import { type CommandContext, createCommandContext } from '../commands/command-context';
import { exitCodes } from '../commands/exit-codes';
import type { EarlyEngine } from '../commands/start-engine-early';
import { LocalAppError, UsageError } from '../errors';
import { escapeControlCharacters } from '../output/escape-control-characters';
import { Terminal } from '../output/terminal';
import { version } from '../version';
import { type CommandName, helpText, parseCommandLine } from './parse-command-line';

/** Where the CLI writes and what it reads. */
export interface CliEnvironment {
  cwd: string;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

/** Starts opening the state folder's engine and waits until its lock is held and its worker starts. */
async function startEngine(context: CommandContext, command: string): Promise<EarlyEngine> {
  const { startEngineEarly } = await import('../commands/start-engine-early');
  const early = startEngineEarly(context, command);
  await early.starting;
  return early;
}

// Commands load lazily: `--help` or `seed` should not pay for the AWS SDK and the engine.
const handlers: Record<CommandName, (context: CommandContext) => Promise<number>> = {
  // The engine starts opening before the command's modules load: its worker's start is most of a
  // warm run's wait (see startEngineEarly).
  dev: async (context) => {
    const early = await startEngine(context, 'dev');
    return (await import('../commands/dev-command')).devCommand(context, early);
  },
  run: async (context) => {
    const early = await startEngine(context, 'run');
    return (await import('../commands/run-command')).runCommand(context, early);
  },
  query: async (context) => (await import('../commands/query-command')).queryCommand(context),
  runs: async (context) => {
    const [{ runsCommand }, { resolveUnfinishedRuns }] = await Promise.all([
      import('../commands/runs-command'),
      import('../commands/resolve-unfinished-runs'),
    ]);
    return runsCommand(context, (history) => resolveUnfinishedRuns(context, history));
  },
  seed: async (context) => (await import('../commands/seed-command')).seedCommand(context),
  serve: async (context) => (await import('../commands/serve-command')).serveCommand(context),
  console: async (context) => (await import('../commands/console-command')).consoleCommand(context),
  reset: async (context) => (await import('../commands/reset-command')).resetCommand(context),
};

/**
 * Runs the `shiftflow` CLI and returns its exit code (see `exitCodes`): 0 success, 1 failure (a
 * run that did not finish, bad SQL, bad configuration), 2 a bad command line, 130 a `run` or
 * `query` stopped by Ctrl-C. Errors are printed as one clear message, without a stack trace.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, signal });
 */
export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const stdout = new Terminal(environment.stdout);
  const stderr = new Terminal(environment.stderr);
  try {
    const commandLine = parseCommandLine(argv);
    if (commandLine.kind === 'version') {
      stdout.line(version);
      return 0;
    }
    if (commandLine.kind === 'help') {
      stdout.line(helpText(commandLine.command));
      return 0;
    }
    const context = createCommandContext({
      cwd: environment.cwd,
      options: commandLine.options,
      positionals: commandLine.positionals,
      stdout,
      stderr,
      signal: environment.signal,
    });
    return await handlers[commandLine.command](context);
  } catch (error) {
    // The message may carry SQL values and engine text: shown with its control characters escaped.
    stderr.line(
      `${stderr.style('red', 'error:')} ${escapeControlCharacters(describeError(error), { keepLayout: true })}`,
    );
    if (process.env.SHIFTFLOW_DEBUG && error instanceof Error && error.stack) {
      stderr.line(escapeControlCharacters(error.stack, { keepLayout: true }));
    }
    return error instanceof UsageError ? exitCodes.usage : exitCodes.failure;
  }
}

function describeError(error: unknown): string {
  if (error instanceof LocalAppError) return error.message;
  if (error instanceof Error) {
    const code = 'code' in error ? error.code : undefined;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${error.message} (${code})`
      : error.message;
  }
  return String(error);
}
