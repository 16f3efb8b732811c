import { SetupFileEncodingError, SetupFileTooLargeError } from './errors';
import { maxSetupFileBytes } from './setup-limits';

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (overlong forms,
 * surrogates and code points above U+10FFFF included), or -1 when all of `bytes` is UTF-8.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index++;
      continue;
    }
    // Table 3-7 of the Unicode standard: the lead byte fixes the length and the range of the 2nd byte.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return index;
    for (let position = 1; position < length; position++) {
      const byte = bytes[index + position];
      if (byte === undefined) return index;
      const [min, max] = position === 1 ? [low, high] : [0x80, 0xbf];
      if (byte < min || byte > max) return index;
    }
    index += length;
  }
  return -1;
}

/** The UTF-8 byte order mark, EF BB BF. */
const byteOrderMark = [0xef, 0xbb, 0xbf] as const;

/**
 * Turns the bytes of a setup file into its SQL text. Refuses a file larger than any setup the Data API
 * could run (`SetupFileTooLargeError`) and bytes that are not UTF-8 (`SetupFileEncodingError` with the
 * byte offset, line and column), instead of storing U+FFFD in their place. A leading UTF-8 byte order
 * mark is dropped: editors on Windows write one, it means nothing in SQL, and left in it reaches the
 * engine as an invisible character before the first keyword, which fails with a syntax error.
 *
 * @example
 * ```ts
 * decodeSetupFile('sql/setup/001_table.sql', new Uint8Array([0xef, 0xbb, 0xbf, 0x73])); // 's'
 * ```
 */
export function decodeSetupFile(name: string, bytes: Uint8Array): string {
  if (bytes.length > maxSetupFileBytes) {
    throw new SetupFileTooLargeError(name, bytes.length, maxSetupFileBytes);
  }
  const start = byteOrderMark.every((byte, index) => bytes[index] === byte) ? byteOrderMark.length : 0;
  const body = bytes.subarray(start);
  const invalid = firstInvalidUtf8Offset(body);
  if (invalid !== -1) {
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < invalid; index++) {
      if (body[index] === 0x0a) {
        line++;
        lineStart = index + 1;
      }
    }
    throw new SetupFileEncodingError(
      name,
      start + invalid,
      line,
      invalid - lineStart + 1,
      body[invalid] ?? 0,
    );
  }
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
}
