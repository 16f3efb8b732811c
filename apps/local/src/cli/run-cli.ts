import type { Writable } from 'node:stream';
import { createCommandContext } from '../commands/command-context';
import { devCommand } from '../commands/dev-command';
import { queryCommand } from '../commands/query-command';
import { resetCommand } from '../commands/reset-command';
import { resolveUnfinishedRuns } from '../commands/resolve-unfinished-runs';
import { runCommand } from '../commands/run-command';
import { runsCommand } from '../commands/runs-command';
import { seedCommand } from '../commands/seed-command';
import { serveCommand } from '../commands/serve-command';
import { LocalAppError, UsageError } from '../errors';
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

const handlers: Record<CommandName, (context: Parameters<typeof seedCommand>[0]) => Promise<number>> = {
  dev: devCommand,
  run: runCommand,
  query: queryCommand,
  runs: (context) => runsCommand(context, (history) => resolveUnfinishedRuns(context, history)),
  seed: seedCommand,
  serve: serveCommand,
  reset: resetCommand,
};

/**
 * Runs the `shiftflow` CLI and returns its exit code: 0 success, 1 failure (a run that did not
 * finish, bad SQL, bad configuration), 2 a bad command line. Errors are printed as one clear
 * message, without a stack trace.
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
    stderr.line(`${stderr.style('red', 'error:')} ${describeError(error)}`);
    if (process.env.SHIFTFLOW_DEBUG && error instanceof Error && error.stack) stderr.line(error.stack);
    return error instanceof UsageError ? 2 : 1;
  }
}

function describeError(error: unknown): string {
  if (error instanceof LocalAppError) return error.message;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${error.message} (${code})`
      : error.message;
  }
  return String(error);
}
