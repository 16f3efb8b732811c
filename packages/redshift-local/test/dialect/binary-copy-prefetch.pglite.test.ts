/**
 * The binary COPY accelerator's converter thread on a real PGlite: while PGlite loads object k, the thread converts
 * object k+1. A declined prefetched object still loads by the text path; a prefetch is never used for another object;
 * no scratch file is left behind; a converter thread that is missing or dies leaves the loads to the hook's own thread.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinaryCopyEngine, openBinaryCopyEngine } from '../support/binary-copy-engine';

const columns = [
  { name: 'id', type: 'integer' },
  { name: 'v', type: 'varchar(8)' },
];
const role = "IAM_ROLE 'arn:aws:iam::123456789012:role/x'";
const dyingConverter = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/binary-copy-converter-dies.mjs',
);

/** `count` lines `<first + i>|v<first + i>`. */
function lines(first: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `${first + i}|v${first + i}\n`).join('');
}

describe('binary COPY converter thread (prefetch of the next object)', () => {
  let engine: BinaryCopyEngine | undefined;
  let scratch: string;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    // Closing removes whatever the thread left.
    expect(readdirSync(scratch)).toEqual([]);
    rmSync(scratch, { recursive: true, force: true });
  });
  const open = async (options: { converter?: string; stallMs?: number } = {}) => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'shiftflow-prefetch-scratch-'));
    engine = await openBinaryCopyEngine({
      scratchDirectory: scratch,
      binaryCopyConverterFile: options.converter,
      binaryCopyConverterStallMs: options.stallMs,
    });
    return engine;
  };

  it('loads a declined object by the text path and the objects around it by prefetched binary COPYs', async () => {
    const db = await open();
    db.writeObject('bucket/mixed/part-0', lines(0, 3000));
    // int4in accepts blanks around a number; the binary subset does not: this object goes to the text path.
    db.writeObject('bucket/mixed/part-1', ' 5000 |b\n');
    db.writeObject('bucket/mixed/part-2', lines(6000, 3000));
    db.writeObject('bucket/mixed/part-3', lines(9000, 3000));
    const copy = `COPY t FROM 's3://bucket/mixed/' ${role} delimiter '|'`;
    const text = await db.copy('t', columns, copy, false);
    // Twice: the first COPY may run before the thread has started (its first object then converts here).
    for (const round of [1, 2]) {
      const binary = await db.copy('t', columns, copy, true);
      expect({ round, ...binary, outcomes: undefined }).toEqual({
        round,
        ...text,
        binaryObjects: 3,
        outcomes: undefined,
      });
      expect(binary.outcomes.map((outcome) => [outcome.file, outcome.rows, outcome.declined?.code])).toEqual([
        ['/s3/bucket/mixed/part-0', 3000, undefined],
        ['/s3/bucket/mixed/part-1', undefined, 'BINARY_COPY_REFUSED'],
        ['/s3/bucket/mixed/part-2', 3000, undefined],
        ['/s3/bucket/mixed/part-3', 3000, undefined],
      ]);
      expect(binary.outcomes[1]!.declined!.message).toContain('s3://bucket/mixed/part-1');
      expect(binary.outcomes[1]!.declined!.reason).toContain('line 1');
      // The first object has nothing before it; once the thread is up, every next object was converted ahead.
      expect(binary.outcomes[0]!.prefetched).toBe(false);
      if (round === 2)
        expect(binary.outcomes.map((outcome) => outcome.prefetched)).toEqual([false, true, true, true]);
      expect(readdirSync(scratch)).toEqual([]);
      await expect.poll(() => db.hook.binaryCopyConverterReady()).toBe(true);
    }
    expect(db.hook.binaryCopyConverterFailure()).toBeUndefined();
  });

  it('uses no stale prefetch in the next COPY and leaves no scratch file behind', async () => {
    const db = await open();
    for (let part = 0; part < 3; part++) {
      db.writeObject(`bucket/a/part-${part}`, lines(part * 1000, 1000));
      db.writeObject(`bucket/b/part-${part}`, lines(100_000 + part * 1000, 1000));
    }
    // part-1 of c fails the load (not an integer): the COPY escalates to staging after its prefetch of part-2 began.
    db.writeObject('bucket/c/part-0', lines(200_000, 1000));
    db.writeObject('bucket/c/part-1', 'x|bad\n');
    db.writeObject('bucket/c/part-2', lines(201_000, 1000));
    const copyOf = (prefix: string) => `COPY t FROM 's3://bucket/${prefix}/' ${role} delimiter '|'`;
    for (const prefix of ['a', 'b', 'c', 'a', 'b']) {
      const binary = await db.copy('t', columns, copyOf(prefix), true);
      await expect.poll(() => db.hook.binaryCopyConverterReady()).toBe(true);
      const text = await db.copy('t', columns, copyOf(prefix), false);
      expect({ prefix, ...binary, outcomes: undefined, binaryObjects: undefined }).toEqual({
        prefix,
        ...text,
        outcomes: undefined,
        binaryObjects: undefined,
      });
      if (prefix !== 'c') {
        expect(binary.binaryObjects).toBe(3);
        expect(binary.outcomes.map((outcome) => outcome.file)).toEqual(
          [0, 1, 2].map((part) => `/s3/bucket/${prefix}/part-${part}`),
        );
        expect(binary.rows).toHaveLength(3000);
        expect(readdirSync(scratch)).toEqual([]);
      } else expect(binary.error).toContain('Load into table');
    }
  });

  it('loads every object when the converter thread cannot start', async () => {
    const db = await open({ converter: path.join(scratch ?? os.tmpdir(), 'no-such-converter.mjs') });
    for (let part = 0; part < 3; part++) db.writeObject(`bucket/n/part-${part}`, lines(part * 1000, 1000));
    const copy = `COPY t FROM 's3://bucket/n/' ${role} delimiter '|'`;
    const text = await db.copy('t', columns, copy, false);
    for (let round = 0; round < 3; round++) {
      const binary = await db.copy('t', columns, copy, true);
      expect({ ...binary, outcomes: undefined }).toEqual({ ...text, binaryObjects: 3, outcomes: undefined });
      expect(binary.outcomes.some((outcome) => outcome.prefetched)).toBe(false);
    }
    // The thread starts (and fails) on its own time: generous on a busy machine.
    await expect.poll(() => db.hook.binaryCopyConverterFailure(), { timeout: 30_000 }).toBeInstanceOf(Error);
  });

  it('loads every object when the converter thread dies in the middle of a conversion', async () => {
    const db = await open({ converter: dyingConverter, stallMs: 200 });
    for (let part = 0; part < 3; part++) db.writeObject(`bucket/d/part-${part}`, lines(part * 1000, 1000));
    const copy = `COPY t FROM 's3://bucket/d/' ${role} delimiter '|'`;
    const text = await db.copy('t', columns, copy, false);
    for (let round = 0; round < 3; round++) {
      const binary = await db.copy('t', columns, copy, true);
      expect({ ...binary, outcomes: undefined }).toEqual({ ...text, binaryObjects: 3, outcomes: undefined });
      expect(binary.outcomes.some((outcome) => outcome.prefetched)).toBe(false);
      expect(readdirSync(scratch)).toEqual([]);
    }
    // The thread starts (and fails) on its own time: generous on a busy machine.
    await expect.poll(() => db.hook.binaryCopyConverterFailure(), { timeout: 30_000 }).toBeInstanceOf(Error);
  });
});
