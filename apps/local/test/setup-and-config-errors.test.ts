/**
 * Errors a careless user meets, end to end through the built CLI: each says what happened, where
 * (file, line, key, expression) and what to do, and a dropped pipeline table can be recreated.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, runCliProcess, startCliProcess } from './cli-process';

let workspace: string;

/** A copy of the repository's config and setup SQL in a folder of its own, with `change` applied to the config. */
async function project(
  name: string,
  change: (config: Record<string, unknown>) => Record<string, unknown> = (config) => config,
) {
  const root = path.join(workspace, name);
  await mkdir(path.join(root, 'sql'), { recursive: true });
  await cp(path.join(repositoryRoot, 'sql', 'setup'), path.join(root, 'sql', 'setup'), { recursive: true });
  const config = JSON.parse(await readFile(path.join(repositoryRoot, 'shiftflow.config.json'), 'utf8'));
  await writeFile(path.join(root, 'shiftflow.config.json'), JSON.stringify(change(config), null, 2));
  return {
    root,
    args: ['--config', path.join(root, 'shiftflow.config.json'), '--state-dir', path.join(root, '.state')],
  };
}

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'shiftflow-careless-'));
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('shiftflow and a careless user', () => {
  it('refuses a mistyped top-level config key, naming it and the key it meant', async () => {
    const { args } = await project('typo', ({ notificationEmail, ...config }) => ({
      ...config,
      notificationEmial: notificationEmail,
    }));
    const result = await runCliProcess(['run', ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown key "notificationEmial": did you mean "notificationEmail"?');
    expect(result.stderr).toContain('shiftflow.config.json');
  });

  it('refuses cron(0 25 * * ? *) in run, naming the field and its range', async () => {
    const { args } = await project('hour-25', (config) => ({
      ...config,
      schedule: { expression: 'cron(0 25 * * ? *)', timeZone: 'UTC' },
    }));
    const result = await runCliProcess(['run', ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('schedule "cron(0 25 * * ? *)" has hours value "25" outside 0-23');
  });

  it('refuses 30 February in run: a schedule that never fires', async () => {
    const { args } = await project('feb-30', (config) => ({
      ...config,
      schedule: { expression: 'cron(0 0 30 2 ? *)', timeZone: 'UTC' },
    }));
    const result = await runCliProcess(['run', ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('schedule "cron(0 0 30 2 ? *)" never fires');
  });

  it('refuses a setup file that is not UTF-8, naming the file, offset and line', async () => {
    const { root, args } = await project('latin1');
    const file = path.join(root, 'sql', 'setup', '003_elt_run_log.sql');
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.from('-- caf\xe9\n', 'latin1')]));
    const result = await runCliProcess(['run', '--rows', '100', ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /setup file sql\/setup\/003_elt_run_log\.sql is not valid UTF-8: byte 0xe9 at offset \d+ \(line \d+, column 7\)/,
    );
  });

  it('applies a setup file that starts with a byte order mark', async () => {
    const { root, args } = await project('bom');
    const file = path.join(root, 'sql', 'setup', '001_nyc_yellow_taxi.sql');
    await writeFile(file, `\uFEFF${await readFile(file, 'utf8')}`);
    const result = await runCliProcess(['run', '--rows', '100', ...args]);
    expect(result.stderr).not.toContain('error:');
    expect(result.code).toBe(0);
  });

  it('refuses a changed applied migration in run, naming the file, both checksums and what to do', async () => {
    const { root, args } = await project('changed-migration');
    expect((await runCliProcess(['run', '--rows', '100', ...args])).code).toBe(0);
    const file = path.join(root, 'sql', 'setup', '003_elt_run_log.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replace('VARCHAR(127)', 'VARCHAR(255)'));

    const refused = await runCliProcess(['run', '--rows', '100', ...args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /setup migration sql\/setup\/003_elt_run_log\.sql \(applied [^)]* with sha256 [0-9a-f]{64}, now sha256 [0-9a-f]{64}\) changed after it was applied \(ledger shiftflow_schema_migrations\)/,
    );
    expect(refused.stderr).toContain('put the change in a new file listed after it in setupFiles');
    expect(refused.stderr).not.toContain('FINISHED');
  });

  it('says a dropped table is missing and re-creates it with run --setup', async () => {
    const { args } = await project('dropped');
    expect((await runCliProcess(['run', '--rows', '100', ...args])).code).toBe(0);
    const dropped = await runCliProcess(['query', 'DROP TABLE nyc_yellow_taxi CASCADE', ...args]);
    expect(dropped.code, dropped.stderr).toBe(0);

    const refused = await runCliProcess(['run', ...args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'table nyc_yellow_taxi (sql/setup/001_nyc_yellow_taxi.sql), materialized view nyc_yellow_taxi_volume_analysis (sql/setup/002_nyc_yellow_taxi_volume_analysis.sql) are missing from the local Redshift, though the setup is recorded as applied; run "shiftflow run --setup" to apply the setup again',
    );

    const repaired = await runCliProcess(['run', '--setup', ...args]);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(
      /re-applied setup sql\/setup\/001_nyc_yellow_taxi\.sql, .* as asked \(--setup\)/,
    );
    expect(repaired.stderr).toContain('FINISHED');
  });

  it('dev warns when the schedule never fires, naming the expression', async () => {
    const { args } = await project('past', (config) => ({
      ...config,
      schedule: { expression: 'at(2020-01-01T00:00:00)', timeZone: 'UTC' },
    }));
    const dev = await startCliProcess(['dev', '--no-first-run', '--rows', '100', ...args]);
    try {
      while (!dev.output().includes('never fires') && dev.child.exitCode === null) {
        await new Promise((resolve) => dev.child.stderr?.once('data', resolve));
      }
      expect(dev.output()).toContain(
        'warning: schedule "at(2020-01-01T00:00:00)" (UTC) never fires: its only run time, 2020-01-01T00:00:00.000Z, is in the past, so dev will not run the pipeline on its schedule; fix schedule.expression in the pipeline config',
      );
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  });
});
