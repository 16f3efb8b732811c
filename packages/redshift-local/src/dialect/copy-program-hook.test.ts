import { describe, expect, it } from 'vitest';
import { BinaryCopyRefusedError, RedshiftLocalError } from '../errors';
import { type BinaryCopyOutcome, createBinaryCopyOutcomeLog } from './binary-copy-outcome-log';
import type { PrefetchOutcome } from './binary-copy-prefetcher';
import { type CopyProgramHookOptions, createCopyProgramHook } from './copy-program-hook';

/** A hook over recording fakes: what it decompressed, converted, prefetched, opened and recorded. */
function fakeHook(overrides: Partial<CopyProgramHookOptions> = {}) {
  const calls: string[] = [];
  const outcomes = createBinaryCopyOutcomeLog();
  const hook = createCopyProgramHook({
    unhandled: (command) => {
      calls.push(`unhandled ${command}`);
      return 7;
    },
    decompress: (compression, file) => {
      calls.push(`decompress ${compression} ${file}`);
      return 'object-1';
    },
    convertHere: (spec, file): PrefetchOutcome => {
      calls.push(`convert ${spec} ${file}`);
      return { name: 'binary-2', rows: 3 };
    },
    prefetcher: {
      take: (spec, file) => {
        calls.push(`take ${spec} ${file}`);
        return undefined;
      },
      start: (spec, file) => {
        calls.push(`start ${spec} ${file}`);
      },
    },
    outcomes,
    open: (name, mode) => {
      calls.push(`open ${name} ${mode}`);
      return 42;
    },
    ...overrides,
  });
  return { hook, calls, outcomes };
}

describe('createCopyProgramHook', () => {
  it("passes PGlite's own locale listing to PGlite's hook", () => {
    const { hook, calls } = fakeHook();

    const stream = hook.handle('locale -a', 'r');

    expect(stream).toBe(7);
    expect(calls).toEqual(['unhandled locale -a']);
  });

  it("decompresses the COPY helper's gzip command (quotes unescaped) and opens the scratch file", () => {
    const { hook, calls } = fakeHook();

    const stream = hook.handle("gzip -dc '/s3/bucket/it'\\''s.gz'", 'r');

    expect(stream).toBe(42);
    expect(calls).toEqual(["decompress gzip /s3/bucket/it's.gz", 'open object-1 r']);
    expect(hook.takeError()).toBeUndefined();
  });

  it('returns a NULL stream and keeps PROGRAM_NOT_EMULATED for takeError when the command is another program', () => {
    const { hook, calls } = fakeHook();

    const stream = hook.handle('cat /etc/passwd', 'r');

    expect(stream).toBe(0);
    expect(calls).toEqual([]);
    const error = hook.takeError();
    expect(error).toBeInstanceOf(RedshiftLocalError);
    expect(error?.code).toBe('PROGRAM_NOT_EMULATED');
    expect(hook.takeError()).toBeUndefined();
  });

  it('wraps a failed decompression in S3_OBJECT_UNREADABLE naming the command', () => {
    const { hook } = fakeHook({
      decompress: () => {
        throw new Error('unexpected end of file');
      },
    });

    const stream = hook.handle("gzip -dc '/s3/bucket/key.gz'", 'r');

    expect(stream).toBe(0);
    const error = hook.takeError();
    expect(error?.code).toBe('S3_OBJECT_UNREADABLE');
    expect(error?.message).toContain("gzip -dc '/s3/bucket/key.gz': Error: unexpected end of file");
  });

  it('converts a binary COPY object here when nothing was prefetched, starts the next one and records the rows', () => {
    const { hook, calls, outcomes } = fakeHook();

    const stream = hook.handle("shiftflow-binary-copy int4 '/s3/b/one' '/s3/b/two'", 'r');

    expect(stream).toBe(42);
    expect(calls).toEqual([
      'take int4 /s3/b/one',
      'convert int4 /s3/b/one',
      'start int4 /s3/b/two',
      'open binary-2 r',
    ]);
    expect(outcomes.take()).toEqual<BinaryCopyOutcome[]>([{ file: '/s3/b/one', rows: 3, prefetched: false }]);
  });

  it('uses the prefetched conversion and starts nothing for the last object', () => {
    const { hook, calls, outcomes } = fakeHook({
      prefetcher: {
        take: () => ({ name: 'binary-9', rows: 5 }),
        start: (spec, file) => {
          calls.push(`start ${spec} ${file}`);
        },
      },
    });

    const stream = hook.handle("shiftflow-binary-copy int4 '/s3/b/two' ''", 'r');

    expect(stream).toBe(42);
    expect(calls).toEqual(['open binary-9 r']);
    expect(outcomes.take()).toEqual([{ file: '/s3/b/two', rows: 5, prefetched: true }]);
  });

  it('returns a NULL stream for a declined object and records why, not as an error', () => {
    const declined = new BinaryCopyRefusedError('s3://b/one', 'a backslash escape');
    const { hook, calls, outcomes } = fakeHook({ convertHere: () => ({ declined }) });

    const stream = hook.handle("shiftflow-binary-copy int4 '/s3/b/one' '/s3/b/one'", 'r');

    expect(stream).toBe(0);
    expect(calls).toEqual(['take int4 /s3/b/one']);
    expect(outcomes.take()).toEqual([{ file: '/s3/b/one', declined, prefetched: false }]);
    expect(hook.takeError()).toBeUndefined();
  });
});
