import path from 'node:path';
import type { PipelineConfig } from '@shiftflow/events';
import { findConfigFile } from '../config/find-config-file';
import { UsageError } from '../errors';
import type { Terminal } from '../output/terminal';
import { ensureStateFolder } from '../state/ensure-state-folder';
import { type StateLayout, stateLayout } from '../state/state-layout';
import type { CommandOptions } from './command-options';

/** What every command gets: its options, the output, the project and the state folder. */
export interface CommandContext {
  options: CommandOptions;
  positionals: string[];
  stdout: Terminal;
  stderr: Terminal;
  json: boolean;
  verbose: boolean;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM. */
  signal: AbortSignal;
  /** The configuration file, found lazily. */
  configFile(): string;
  /** The repository root: the folder of the configuration file. */
  repositoryRoot(): string;
  /** The validated pipeline configuration. */
  config(): Promise<PipelineConfig>;
  state(): StateLayout;
  /** Creates the state folder (and its marker) if needed; refuses a folder shiftflow did not create. */
  ensureState(): Promise<StateLayout>;
}

/**
 * Builds the context of one CLI invocation.
 *
 * @example
 * const context = createCommandContext({ cwd: process.cwd(), options, positionals, stdout, stderr, signal });
 */
export function createCommandContext(input: {
  cwd: string;
  options: CommandOptions;
  positionals: string[];
  stdout: Terminal;
  stderr: Terminal;
  signal: AbortSignal;
}): CommandContext {
  const { cwd, options } = input;
  let configFile: string | undefined;
  let config: Promise<PipelineConfig> | undefined;
  let ensuredState: Promise<StateLayout> | undefined;
  const stringOption = (name: string): string | undefined => {
    const value = options[name];
    if (value === '') throw new UsageError(`--${name} needs a value`);
    return typeof value === 'string' ? value : undefined;
  };
  const context: CommandContext = {
    options,
    positionals: input.positionals,
    stdout: input.stdout,
    stderr: input.stderr,
    json: options.json === true,
    verbose: options.verbose === true,
    signal: input.signal,
    configFile() {
      configFile ??= stringOption('config')
        ? path.resolve(cwd, stringOption('config')!)
        : findConfigFile(cwd);
      return configFile;
    },
    repositoryRoot() {
      return path.dirname(context.configFile());
    },
    config() {
      // Loaded on first use: @shiftflow/events (zod schemas, time zones) is not needed to find the
      // state folder, and `run` starts its engine before it reads the configuration.
      config ??= (async () => {
        const file = context.configFile();
        const { loadPipelineConfig } = await import('../config/load-pipeline-config');
        return loadPipelineConfig(file);
      })();
      return config;
    },
    state() {
      const stateDirectory = stringOption('state-dir');
      return stateLayout(
        stateDirectory
          ? path.resolve(cwd, stateDirectory)
          : path.join(context.repositoryRoot(), '.shiftflow'),
      );
    },
    ensureState() {
      // Once per command: `run` asks for it from the engine's early start and from the pipeline.
      ensuredState ??= (async () => {
        const state = context.state();
        await ensureStateFolder(state);
        return state;
      })();
      return ensuredState;
    },
  };
  return context;
}
