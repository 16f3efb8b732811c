import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, startCliProcess } from './cli-process';

let project: string;

beforeAll(async () => {
  // A copy of the project's configuration and SQL, so the test can edit the setup files.
  project = await mkdtemp(path.join(tmpdir(), 'shiftflow-dev-'));
  await cp(path.join(repositoryRoot, 'sql'), path.join(project, 'sql'), { recursive: true });
  const config = JSON.parse(await readFile(path.join(repositoryRoot, 'shiftflow.config.json'), 'utf8'));
  await writeFile(path.join(project, 'shiftflow.config.json'), JSON.stringify(config));
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

async function waitFor(output: () => string, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`"${text}" did not appear within ${timeoutMs} ms; output:\n${output()}`);
    await sleep(50);
  }
}

describe('shiftflow dev', () => {
  it('runs at once, prints the run, the notification and the view, re-applies a changed repeatable file, refuses a changed migration and stops on Ctrl-C', async () => {
    const dev = await startCliProcess([
      'dev',
      '--rows',
      '2000',
      '--config',
      path.join(project, 'shiftflow.config.json'),
      '--state-dir',
      path.join(project, '.shiftflow'),
    ]);
    try {
      await waitFor(dev.output, 'next scheduled run', 120_000);
      const output = dev.output();
      expect(output).toContain('applied setup sql/setup/001_nyc_yellow_taxi.sql');
      expect(output).toMatch(/submitted\s+nyc-taxi\/manual\//);
      expect(output).toMatch(/FINISHED\s+2,000 rows in/);
      expect(output).toContain('│ Subject: [shiftflow] nyc-taxi run succeeded');
      expect(output).toContain('nyc_yellow_taxi_volume_analysis');
      expect(output).toContain('(12 rows)');
      expect(output.indexOf('FINISHED')).toBeLessThan(output.indexOf('│ Subject:'));

      // A repeatable file (the procedure) is applied again, alone.
      await appendFile(
        path.join(project, 'sql', 'setup', '004_run_elt_process.sql'),
        '\n-- edited by the test\n',
      );
      await waitFor(dev.output, 're-applied setup sql/setup/004_run_elt_process.sql in', 60_000);
      expect(dev.output()).not.toMatch(/re-applied setup [^\n]*001_nyc_yellow_taxi/);
      // An applied migration is refused with the file's name, and dev keeps running.
      await appendFile(
        path.join(project, 'sql', 'setup', '003_elt_run_log.sql'),
        '\n-- edited by the test\n',
      );
      await waitFor(
        dev.output,
        'setup failed: setup migration sql/setup/003_elt_run_log.sql (applied',
        60_000,
      );
      expect(dev.output()).toContain('fix the SQL and save again');
    } finally {
      const code = await dev.stop();
      expect(code).toBe(0);
    }
    expect(dev.output()).toContain('stopping');
  });
});
