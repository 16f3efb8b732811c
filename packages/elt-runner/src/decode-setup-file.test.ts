import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSetupFile } from './decode-setup-file';
import { SetupFileEncodingError, SetupFileTooLargeError } from './errors';
import { maxSetupFileBytes } from './setup-limits';

const utf8 = (text: string) => new TextEncoder().encode(text);
const caught = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('decodeSetupFile', () => {
  it('returns UTF-8 text as it is, accents and emoji included', () => {
    expect(decodeSetupFile('a.sql', utf8("select 'café ☕ 🚕';"))).toBe("select 'café ☕ 🚕';");
  });

  it('drops a leading byte order mark, and only a leading one', () => {
    const text = decodeSetupFile('a.sql', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('select 1;')]));
    expect(text).toBe('select 1;');
    expect(text.charCodeAt(0)).toBe(0x73);
    expect(decodeSetupFile('a.sql', utf8('select 1; -- \uFEFF'))).toBe('select 1; -- \uFEFF');
  });

  it('refuses a Latin-1 byte, naming the file, byte offset, line and column', () => {
    // "café" saved as Latin-1 on line 2: 0xE9 is not UTF-8 on its own.
    const bytes = new Uint8Array([...utf8("select 1;\nselect 'caf"), 0xe9, ...utf8("';\n")]);
    const error = caught(() => decodeSetupFile('sql/setup/003_x.sql', bytes));
    expect(error).toBeInstanceOf(SetupFileEncodingError);
    expect(error).toMatchObject({ file: 'sql/setup/003_x.sql', byteOffset: 21, line: 2, column: 12 });
    expect((error as Error).message).toBe(
      'setup file sql/setup/003_x.sql is not valid UTF-8: byte 0xe9 at offset 21 (line 2, column 12); save the file as UTF-8',
    );
  });

  it('counts the byte offset from the start of the file when a byte order mark precedes the bad byte', () => {
    const error = caught(() => decodeSetupFile('b.sql', new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff])));
    expect(error).toMatchObject({ byteOffset: 4, line: 1, column: 2 });
  });

  it.each([
    ['a truncated sequence at the end', [0x41, 0xe2, 0x82], 1],
    ['an overlong encoding of "/"', [0xc0, 0xaf], 0],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a lone continuation byte', [0x41, 0x42, 0x80], 2],
  ])('refuses %s', (_name, bytes, offset) => {
    expect(caught(() => decodeSetupFile('c.sql', new Uint8Array(bytes)))).toMatchObject({
      byteOffset: offset,
    });
  });

  it('agrees with the platform decoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let expected: string | undefined;
        try {
          expected = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
            bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes,
          );
        } catch {
          // Not UTF-8 for the platform: decodeSetupFile must refuse it too (checked below).
          expected = undefined;
        }
        if (expected === undefined) {
          expect(() => decodeSetupFile('p.sql', bytes)).toThrow(SetupFileEncodingError);
        } else expect(decodeSetupFile('p.sql', bytes)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses more bytes than one batch could carry, naming the file and the limit', () => {
    const error = caught(() => decodeSetupFile('huge.sql', new Uint8Array(maxSetupFileBytes + 1)));
    expect(error).toBeInstanceOf(SetupFileTooLargeError);
    expect(error).toMatchObject({
      file: 'huge.sql',
      sizeBytes: maxSetupFileBytes + 1,
      limitBytes: 4_096_000,
    });
  });
});
