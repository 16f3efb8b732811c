import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidStatementIdError, NotifierConfigurationError } from './errors';
import { FileLedger } from './file-ledger';

const statementId = 'dd2e1ec9-2ee3-49a0-819f-905fa7d75a4a';

describe('FileLedger', () => {
  let directory: string;
  let clock: Date;
  const now = () => clock;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'notifier-ledger-'));
    clock = new Date('2026-11-30T16:05:00Z');
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('lets only the first of two concurrent claims win', async () => {
    const ledger = new FileLedger({ directory, now });

    const claims = await Promise.all([ledger.claim(statementId), ledger.claim(statementId)]);

    expect(claims.map((claim) => claim.status).sort()).toEqual(['claimed', 'in-progress']);
  });

  it('answers announced after a confirmed claim, until the retention expires', async () => {
    const ledger = new FileLedger({ directory, now, retentionSeconds: 3_600 });
    const claim = await ledger.claim(statementId);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);

    expect(await ledger.confirm(claim)).toBe(true);
    expect((await ledger.claim(statementId)).status).toBe('announced');
    clock = new Date(clock.getTime() + 3_601_000);
    expect((await ledger.claim(statementId)).status).toBe('claimed');
  });

  it('lets the next attempt claim a released statement', async () => {
    const ledger = new FileLedger({ directory, now });
    const claim = await ledger.claim(statementId);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);

    expect(await ledger.release(claim)).toBe(true);

    expect((await ledger.claim(statementId)).status).toBe('claimed');
  });

  it('hands an expired lease to the next claimant and refuses the old holder', async () => {
    const ledger = new FileLedger({ directory, now, leaseSeconds: 60 });
    const first = await ledger.claim(statementId);
    if (first.status !== 'claimed') throw new Error(`expected a claim, got ${first.status}`);

    expect((await ledger.claim(statementId)).status).toBe('in-progress');
    clock = new Date(clock.getTime() + 61_000);
    const second = await ledger.claim(statementId);

    expect(second.status).toBe('claimed');
    expect(await ledger.confirm(first)).toBe(false);
    expect(await ledger.release(first)).toBe(false);
    expect(await readdir(directory)).toEqual([`${statementId}.json`]);
  });

  it('treats a half-written file as a claim that expires with its lease', async () => {
    const ledger = new FileLedger({ directory, leaseSeconds: 60 });
    await writeFile(path.join(directory, `${statementId}.json`), '{"state":"clai');

    expect((await ledger.claim(statementId)).status).toBe('in-progress');
  });

  it('stores sub-statement ids under a portable file name', async () => {
    const ledger = new FileLedger({ directory, now });

    await ledger.claim(`${statementId}:2`);

    const stored = JSON.parse(await readFile(path.join(directory, `${statementId}_2.json`), 'utf8'));
    expect(stored.state).toBe('claimed');
  });

  it('rejects ids that are not Data API statement ids, naming the value', async () => {
    const ledger = new FileLedger({ directory });

    await expect(ledger.claim('../../etc/passwd')).rejects.toThrow(InvalidStatementIdError);
    await expect(ledger.claim('../../etc/passwd')).rejects.toThrow('"../../etc/passwd"');
  });
  it('takes over at once a claim whose process on this host has ended', async () => {
    const deadPid = 2_147_000_001;
    await writeFile(
      path.join(directory, `${statementId}.json`),
      JSON.stringify({
        state: 'claimed',
        token: 'left-by-a-killed-process',
        leaseExpiresAt: Math.floor(clock.getTime() / 1000) + 300,
        expiresAt: Math.floor(clock.getTime() / 1000) + 86_400,
        owner: { host: os.hostname(), pid: deadPid },
      }),
    );
    const ledger = new FileLedger({ directory, now, isProcessAlive: (pid) => pid !== deadPid });

    const claim = await ledger.claim(statementId);

    expect(claim.status).toBe('claimed');
  });

  it('keeps a claim whose process still runs, or that was made on another host, until its lease ends', async () => {
    const lease = Math.floor(clock.getTime() / 1000) + 300;
    const claimBy = (owner: { host: string; pid: number }) =>
      JSON.stringify({ state: 'claimed', token: 't', leaseExpiresAt: lease, expiresAt: lease, owner });
    const ledger = new FileLedger({ directory, now, isProcessAlive: (pid) => pid === 4242 });

    await writeFile(path.join(directory, `${statementId}.json`), claimBy({ host: os.hostname(), pid: 4242 }));
    expect((await ledger.claim(statementId)).status).toBe('in-progress');
    await writeFile(path.join(directory, `${statementId}.json`), claimBy({ host: 'another-host', pid: 1 }));
    expect((await ledger.claim(statementId)).status).toBe('in-progress');
  });

  it('leaves only the record itself in the folder after claim and confirm (no temporary files)', async () => {
    const ledger = new FileLedger({ directory, now });
    const claim = await ledger.claim(statementId);
    if (claim.status !== 'claimed') throw new Error(`expected a claim, got ${claim.status}`);
    await ledger.confirm(claim);

    expect(await readdir(directory)).toEqual([`${statementId}.json`]);
    expect(JSON.parse(await readFile(path.join(directory, `${statementId}.json`), 'utf8'))).toMatchObject({
      state: 'announced',
    });
  });

  it('fails with NotifierConfigurationError naming the path when the ledger folder is a file', async () => {
    const file = path.join(directory, 'notifier-ledger.json');
    await writeFile(file, '{}');
    const ledger = new FileLedger({ directory: file });

    const claiming = ledger.claim(statementId);

    await expect(claiming).rejects.toThrow(NotifierConfigurationError);
    await expect(ledger.claim(statementId)).rejects.toThrow(`"${file}" is a file, not a folder`);
  });

  it('keeps started runs in started/: recorded once per statement, listed oldest first, forgotten, expired', async () => {
    const ledger = new FileLedger({ directory, now, retentionSeconds: 3_600 });
    const other = 'dd2e1ec9-2ee3-49a0-819f-905fa7d75a4b';
    await ledger.recordStarted({
      statementId: other,
      statementName: 'nyc-taxi/b',
      startedAt: new Date(clock.getTime() + 1_000),
    });
    await ledger.recordStarted({ statementId, statementName: 'nyc-taxi/a', startedAt: clock });
    await ledger.recordStarted({ statementId, statementName: 'nyc-taxi/a', startedAt: clock });
    await writeFile(path.join(directory, 'started', 'stray.json'), 'not a record');

    const listed = await ledger.listStarted();
    await ledger.forgetStarted(statementId);
    await ledger.forgetStarted(statementId);

    expect(listed).toEqual([
      { statementId, statementName: 'nyc-taxi/a', startedAt: clock },
      { statementId: other, statementName: 'nyc-taxi/b', startedAt: new Date(clock.getTime() + 1_000) },
    ]);
    expect((await ledger.listStarted()).map((run) => run.statementId)).toEqual([other]);
    // The claim of the same statement is untouched by its started record.
    expect((await ledger.claim(statementId)).status).toBe('claimed');
    clock = new Date(clock.getTime() + 3_601_000);
    expect(await ledger.listStarted()).toEqual([]);
    expect((await readdir(path.join(directory, 'started'))).sort()).toEqual(['stray.json']);
  });
});
