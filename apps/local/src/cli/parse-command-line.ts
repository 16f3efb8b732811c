import { parseArgs } from 'node:util';
import type { CommandOptions } from '../commands/command-options';
import { UsageError } from '../errors';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; description: string; value?: string };

const globalOptions = {
  'state-dir': {
    type: 'string',
    value: 'path',
    description: 'Folder of the local state (default: .shiftflow next to shiftflow.config.json)',
  },
  config: {
    type: 'string',
    value: 'path',
    description: 'Pipeline configuration (default: nearest shiftflow.config.json)',
  },
  json: { type: 'boolean', description: 'Print machine-readable JSON instead of text' },
  verbose: { type: 'boolean', description: "Also print the Lambda functions' log lines" },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
  version: { type: 'boolean', short: 'v', description: "Print shiftflow's version" },
} satisfies Record<string, OptionSpec>;

const deliveryOptions = {
  smtp: {
    type: 'string',
    value: 'url',
    description: 'Also e-mail notifications through this SMTP server (smtp://host:port)',
  },
  webhook: { type: 'string', value: 'url', description: 'Also POST notifications to this URL' },
} satisfies Record<string, OptionSpec>;

/** The sample `dev` and `run` generate on first use. */
const sampleOptions = {
  rows: {
    type: 'string',
    value: 'n',
    description: 'Trips in the sample generated on first use (default 20000)',
  },
} satisfies Record<string, OptionSpec>;

/** Applying the setup SQL again on demand, for `run` and `dev`. */
const setupOptions = {
  setup: {
    type: 'boolean',
    description:
      'Apply the setup SQL again first, even if unchanged (re-creates dropped tables, views, procedures)',
  },
} satisfies Record<string, OptionSpec>;

/** Every command, its options and its help. */
export const commands = {
  dev: {
    summary: 'Start the whole pipeline locally: run once now, then on the schedule; re-apply sql/ on change',
    usage: 'shiftflow dev [options]',
    positionals: 0,
    options: {
      ...deliveryOptions,
      ...sampleOptions,
      ...setupOptions,
      'no-first-run': { type: 'boolean', description: 'Wait for the schedule instead of running at once' },
      'console-port': {
        type: 'string',
        value: 'n',
        description: 'Port of the local console on 127.0.0.1 (default: any free port; the URL is printed)',
      },
      'no-console': { type: 'boolean', description: 'Do not start the local console' },
    },
  },
  run: {
    summary: 'Run the pipeline once now; exit 0 when the statement FINISHED, 1 otherwise',
    usage: 'shiftflow run [options]',
    positionals: 0,
    options: {
      ...deliveryOptions,
      ...sampleOptions,
      ...setupOptions,
      reason: {
        type: 'string',
        value: 'text',
        description: 'Why the run was started (default "shiftflow run")',
      },
      'elt-sql': {
        type: 'string',
        value: 'sql',
        description: "Run this SQL instead of the configuration's eltSql",
      },
      timeout: {
        type: 'string',
        value: 'seconds',
        description: 'Give up waiting after this long (default 600)',
      },
    },
  },
  query: {
    summary: 'Run SQL on the local Redshift and print the result as a table',
    usage: 'shiftflow query "<sql>" [options]',
    positionals: 1,
    options: {},
  },
  runs: {
    summary: 'Show the run history: scheduled time, status, duration, rows, statement id',
    usage: 'shiftflow runs [options]',
    positionals: 0,
    options: { limit: { type: 'string', value: 'n', description: 'Show the last n runs (default 20)' } },
  },
  seed: {
    summary: 'Write deterministic synthetic NYC yellow-taxi 2015 trips into local S3',
    usage: 'shiftflow seed [--rows N] [options]',
    positionals: 0,
    options: {
      rows: { type: 'string', value: 'n', description: 'Number of trips (default 20000)' },
      seed: { type: 'string', value: 'n', description: 'Seed of the generator (default 2015)' },
      parts: { type: 'string', value: 'n', description: 'Number of part files (default 4)' },
      gzip: { type: 'boolean', description: 'Write gzip-compressed part files (COPY then needs GZIP)' },
    },
  },
  serve: {
    summary: 'Start only the local endpoints (Redshift Data API, SNS) and print the environment to use them',
    usage: 'shiftflow serve [--port N] [options]',
    positionals: 0,
    options: {
      ...deliveryOptions,
      port: {
        type: 'string',
        value: 'n',
        description: 'Port of the Data API endpoint (default: any free port)',
      },
      'sns-port': {
        type: 'string',
        value: 'n',
        description: 'Port of the SNS endpoint (default: any free port)',
      },
      latency: {
        type: 'string',
        value: 'profile',
        description:
          'fast (default) or realistic: seeded queue and compile delays, so clients see SUBMITTED, PICKED, STARTED',
      },
      'latency-seed': {
        type: 'string',
        value: 'n',
        description: 'Seed of the realistic latency profile (default 1)',
      },
      'events-to': {
        type: 'string',
        value: 'url',
        description:
          'Also POST each Redshift Data status-change event (WithEvent statements) to this URL; they also go to <state>/events.ndjson and GET <endpoint>/events',
      },
    },
  },
  console: {
    summary:
      'Serve the local console (runs, inbox, data, SQL) over the state folder without the schedule; beside a running dev or serve it uses their endpoint',
    usage: 'shiftflow console [--port N] [options]',
    positionals: 0,
    options: {
      ...deliveryOptions,
      ...sampleOptions,
      port: {
        type: 'string',
        value: 'n',
        description: 'Port of the console on 127.0.0.1 (default: any free port; the URL is printed)',
      },
    },
  },
  reset: {
    summary: 'Delete the local state: engine data, local S3, outbox, run history',
    usage: 'shiftflow reset [options]',
    positionals: 0,
    options: {},
  },
} satisfies Record<
  string,
  { summary: string; usage: string; positionals: number; options: Record<string, OptionSpec> }
>;

/** A command's name. */
export type CommandName = keyof typeof commands;

/** A parsed command line. */
export type CommandLine =
  | { kind: 'help'; command?: CommandName }
  | { kind: 'version' }
  | {
      kind: 'command';
      command: CommandName;
      positionals: string[];
      options: CommandOptions;
    };

const globalValueFlags = new Set(['--state-dir', '--config']);

const isCommandName = (name: string): name is CommandName => Object.hasOwn(commands, name);

/**
 * Parses `shiftflow <command> [options]`; global options may come before or after the command.
 *
 * @throws UsageError naming the unknown command, the unknown flag or the missing value.
 * @example
 * parseCommandLine(['query', 'select 1', '--json']);
 * // { kind: 'command', command: 'query', positionals: ['select 1'], options: { json: true } }
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let commandIndex = -1;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (globalValueFlags.has(argument)) {
      if (index === argv.length - 1) throw new UsageError(`${argument} needs a value`, { argument });
      index++;
      continue;
    }
    if (!argument.startsWith('-')) {
      commandIndex = index;
      break;
    }
  }
  if (commandIndex === -1) {
    if (argv.includes('--version') || argv.includes('-v')) return { kind: 'version' };
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
    throw new UsageError(`no command given; expected one of ${Object.keys(commands).join(', ')}`);
  }
  const command = argv[commandIndex]!;
  if (command === 'help') return helpCommand(argv.slice(commandIndex + 1));
  if (!isCommandName(command)) {
    throw new UsageError(
      `unknown command "${command}"; expected one of ${Object.keys(commands).join(', ')} (shiftflow --help)`,
      { argument: command },
    );
  }
  const spec = commands[command];
  const rest = [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [key, option] of Object.entries({ ...globalOptions, ...spec.options })) {
    options[key] = 'short' in option ? { type: option.type, short: option.short } : { type: option.type };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true, allowNegative: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.split('\n')[0]} (shiftflow ${command} --help)`, {
      cause: error,
    });
  }
  if (parsed.values.help === true) return { kind: 'help', command };
  if (parsed.values.version === true) return { kind: 'version' };
  if (parsed.positionals.length !== spec.positionals) {
    throw new UsageError(
      spec.positionals === 0
        ? `"${command}" takes no arguments, got ${parsed.positionals.map((value) => JSON.stringify(value)).join(' ')}`
        : `"${command}" needs ${spec.positionals} argument, got ${parsed.positionals.length}${parsed.positionals.length > 0 ? ` (${parsed.positionals.map((value) => JSON.stringify(value)).join(' ')})` : ''}: ${spec.usage}`,
    );
  }
  const values: CommandOptions = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    values[key] = Array.isArray(value) ? value.at(-1) : value;
  }
  return { kind: 'command', command, positionals: parsed.positionals, options: values };
}

/** `shiftflow help [command]`: the help of the CLI or of one command. */
function helpCommand(rest: readonly string[]): CommandLine {
  const [name, ...extra] = rest.filter((argument) => !argument.startsWith('-'));
  if (name === undefined) return { kind: 'help' };
  if (!isCommandName(name)) {
    throw new UsageError(
      `unknown command "${name}" for help; expected one of ${Object.keys(commands).join(', ')}`,
      { argument: name },
    );
  }
  if (extra.length > 0) {
    throw new UsageError(
      `"help" takes one command, got ${rest.map((value) => JSON.stringify(value)).join(' ')}`,
    );
  }
  return { kind: 'help', command: name };
}

const pad = (text: string, width: number) => text.padEnd(width);

/**
 * The help text of one command, or of the CLI when no command is given.
 *
 * @example
 * console.log(helpText('run'));
 */
export function helpText(command?: CommandName): string {
  const optionLines = (options: Record<string, OptionSpec>) => {
    const entries = Object.entries(options).map(([key, option]) => {
      const flag = `${'short' in option ? `-${option.short}, ` : ''}--${key}${option.value ? ` <${option.value}>` : ''}`;
      return [flag, option.description] as const;
    });
    const width = Math.max(...entries.map(([flag]) => flag.length)) + 2;
    return entries.map(([flag, description]) => `  ${pad(flag, width)}${description}`);
  };
  if (command) {
    const spec: { summary: string; usage: string; options: Record<string, OptionSpec> } = commands[command];
    const lines = [`Usage: ${spec.usage}`, '', spec.summary, ''];
    if (Object.keys(spec.options).length > 0) lines.push('Options:', ...optionLines(spec.options), '');
    lines.push('Global options:', ...optionLines(globalOptions));
    return lines.join('\n');
  }
  const width = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;
  return [
    'Usage: shiftflow <command> [options]',
    '',
    'The shiftflow ELT pipeline on your machine: local Redshift, scheduler, event bus, Lambda host and SNS.',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, spec]) => `  ${pad(name, width)}${spec.summary}`),
    '',
    'Global options:',
    ...optionLines(globalOptions),
    '',
    'Run "shiftflow help <command>" or "shiftflow <command> --help" for the options of a command.',
  ].join('\n');
}
