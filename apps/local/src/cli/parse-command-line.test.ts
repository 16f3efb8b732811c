import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors';
import { helpText, parseCommandLine } from './parse-command-line';

describe('parseCommandLine', () => {
  it('reads the command, its positionals and its options', () => {
    expect(parseCommandLine(['query', 'select 1', '--json'])).toEqual({
      kind: 'command',
      command: 'query',
      positionals: ['select 1'],
      options: { json: true },
    });
  });

  it('accepts global options before the command', () => {
    const parsed = parseCommandLine(['--state-dir', '/tmp/state', 'seed', '--rows', '10']);

    expect(parsed).toMatchObject({ command: 'seed', options: { 'state-dir': '/tmp/state', rows: '10' } });
  });

  it('returns help for no arguments, --help, and <command> --help', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['run', '-h'])).toEqual({ kind: 'help', command: 'run' });
  });

  it('returns version for --version and -v, before or after a command', () => {
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommandLine(['-v'])).toEqual({ kind: 'version' });
    expect(parseCommandLine(['run', '-v'])).toEqual({ kind: 'version' });
  });

  it('returns the help of a command for help <command>, and refuses help for an unknown one', () => {
    expect(parseCommandLine(['help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['help', 'seed'])).toEqual({ kind: 'help', command: 'seed' });
    expect(() => parseCommandLine(['help', 'deploy'])).toThrow('unknown command "deploy" for help');
  });

  it('lists --version and -v in the help', () => {
    expect(helpText()).toMatch(/-v, --version\s+Print shiftflow's version/);
  });

  it('names an unknown command', () => {
    expect(() => parseCommandLine(['deploy'])).toThrow(UsageError);
    expect(() => parseCommandLine(['deploy'])).toThrow('unknown command "deploy"');
  });

  it('refuses options of another command and extra arguments', () => {
    expect(() => parseCommandLine(['runs', '--rows', '5'])).toThrow("'--rows'");
    expect(() => parseCommandLine(['run', 'now'])).toThrow('"run" takes no arguments, got "now"');
    expect(() => parseCommandLine(['query'])).toThrow('"query" needs 1 argument, got 0');
    expect(() => parseCommandLine(['query', 'select 1', 'extra'])).toThrow(
      '"query" needs 1 argument, got 2 ("select 1" "extra")',
    );
  });

  it('names a global option given last without its value', () => {
    expect(() => parseCommandLine(['--state-dir'])).toThrow(UsageError);
    expect(() => parseCommandLine(['--state-dir'])).toThrow('--state-dir needs a value');
    expect(() => parseCommandLine(['--json', '--config'])).toThrow('--config needs a value');
  });
});

describe('helpText', () => {
  it('lists the options of a command and the global ones', () => {
    const text = helpText('serve');

    expect(text).toContain('Usage: shiftflow serve [--port N]');
    expect(text).toContain('--port <n>');
    expect(text).toContain('--json');
  });
});
