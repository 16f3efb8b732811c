import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from './cli-process';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-cli-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('shiftflow CLI', () => {
  it('lists every command in --help', async () => {
    const result = await runCliProcess(['--help']);

    expect(result.code).toBe(0);
    for (const command of ['dev', 'run', 'query', 'runs', 'seed', 'serve', 'reset']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
    }
  });

  it('shows the options of a command with <command> --help', async () => {
    const result = await runCliProcess(['seed', '--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: shiftflow seed');
    expect(result.stdout).toContain('--rows <n>');
    expect(result.stdout).toContain('--state-dir <path>');
  });

  it('refuses an unknown command with exit code 2, naming it, without a stack trace', async () => {
    const result = await runCliProcess(['deploy-everything']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "deploy-everything"');
    noStackTrace(result.stderr);
  });

  it('refuses an unknown flag and a bad flag value with exit code 2', async () => {
    const unknown = await runCliProcess(['seed', '--rowz', '5']);
    const bad = await runCliProcess(['seed', '--rows', 'many', '--state-dir', path.join(directory, 'bad')]);

    const badUrl = await runCliProcess([
      'run',
      '--smtp',
      'mail.example.com',
      '--state-dir',
      path.join(directory, 'bad'),
    ]);

    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain(
      '--smtp must be a URL starting with smtp:// or smtps://, got "mail.example.com"',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'--rowz'");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rows must be a whole number from 1 to 100000000, got "many"');
    noStackTrace(unknown.stderr + bad.stderr);
  });

  it('seeds deterministic pipe-delimited part files in the column order of the setup table', async () => {
    const first = path.join(directory, 'seed-a');
    const second = path.join(directory, 'seed-b');

    const result = await runCliProcess(['seed', '--rows', '3000', '--json', '--state-dir', first]);
    await runCliProcess(['seed', '--rows', '3000', '--json', '--state-dir', second]);

    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { rows: number; columns: string[]; directory: string };
    expect(summary.rows).toBe(3000);
    expect(summary.directory).toBe(path.join(first, 's3', 'shiftflow-sample', 'nyc_yellow_taxi_raw'));
    const setupSql = await readFile(
      path.join(__dirname, '..', '..', '..', 'sql', 'setup', '001_nyc_yellow_taxi.sql'),
      'utf8',
    );
    const firstColumn = /CREATE TABLE[^(]+\(\s*(\w+)/i.exec(setupSql)?.[1];
    expect(summary.columns[0]).toBe(firstColumn);
    const parts = (await readdir(summary.directory)).sort();
    expect(parts).toEqual(['part-0000', 'part-0001', 'part-0002', 'part-0003']);
    const lines: string[] = [];
    for (const part of parts) {
      const text = await readFile(path.join(summary.directory, part), 'utf8');
      const again = await readFile(
        path.join(second, 's3', 'shiftflow-sample', 'nyc_yellow_taxi_raw', part),
        'utf8',
      );
      expect(again).toBe(text);
      lines.push(...text.trimEnd().split('\n'));
    }
    expect(lines).toHaveLength(3000);
    for (const line of lines) expect(line.split('|')).toHaveLength(summary.columns.length);
    const dateColumn = summary.columns.indexOf('pickup_date');
    const months = new Set(lines.map((line) => line.split('|')[dateColumn]!.slice(0, 7)));
    expect(months.size).toBe(12);
  });

  it('resets a state folder it created and refuses one it did not', async () => {
    const state = path.join(directory, 'reset-me');
    await runCliProcess(['seed', '--rows', '10', '--state-dir', state]);
    const foreign = path.join(directory, 'not-shiftflow');
    await mkdir(foreign);
    await writeFile(path.join(foreign, 'precious.txt'), 'keep me');

    const reset = await runCliProcess(['reset', '--state-dir', state]);
    const refused = await runCliProcess(['reset', '--state-dir', foreign]);

    expect(reset.code).toBe(0);
    await expect(readdir(state)).rejects.toThrow();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to delete');
    expect(await readFile(path.join(foreign, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it('prints an empty history before any run', async () => {
    const result = await runCliProcess(['runs', '--json', '--state-dir', path.join(directory, 'empty')]);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
