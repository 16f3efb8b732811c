/**
 * Converts a delimited text object into PostgreSQL's binary COPY format, streaming (bounded memory whatever the
 * object's size), for the strict subset of text whose binary load is provably identical to the COPY helper's text
 * fast path; anything else is declined with a BinaryCopyRefusedError and the text COPY loads the object.
 * Self-contained (node: built-ins and `.ts` imports of self-contained files, erasable TypeScript) because the PGlite
 * worker imports it from `src/`.
 */
import { isUtf8 } from 'node:buffer';
import { readSync, writeSync } from 'node:fs';
import { BinaryCopyRefusedError } from '../errors.ts';
import {
  encodeBigInteger,
  encodeBool,
  encodeDate,
  encodeFloat4,
  encodeFloat8,
  encodeSmallInteger,
  encodeTimestamp,
  fieldEnd,
} from './binary-copy-fields.ts';
import type { BinaryColumn, BinaryCopySpec } from './binary-copy-spec.ts';

/** Default bytes read from the object, and written to the binary file, at a time. */
export const defaultChunkBytes = 4 * 1024 * 1024;

/** `PGCOPY\n\377\r\n\0`, flags 0, header extension length 0. */
const fileHeader = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
const newline = 0x0a;
const backslash = 0x5c;
const dot = 0x2e;

/** The binary file being written: a chunk buffer flushed to `fd`. */
class BinaryWriter {
  buffer: Buffer;
  view: DataView;
  offset = 0;
  readonly fd: number;
  constructor(fd: number, bytes: number) {
    this.fd = fd;
    this.buffer = Buffer.allocUnsafe(bytes);
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  }
  /** Makes room for `bytes` more bytes. */
  ensure(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) {
      this.buffer = Buffer.allocUnsafe(bytes * 2);
      this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
    }
  }
  flush(): void {
    let written = 0;
    while (written < this.offset) written += writeSync(this.fd, this.buffer, written, this.offset - written);
    this.offset = 0;
  }
}

/** Characters of valid UTF-8 `src[p, q)`: the bytes that are not continuation bytes. */
function characterCount(src: Buffer, p: number, q: number): number {
  let count = 0;
  for (let i = p; i < q; i++) if ((src[i]! & 0xc0) !== 0x80) count++;
  return count;
}

const kindCodes: Record<BinaryColumn['kind'], number> = {
  int2: 0,
  int4: 1,
  int8: 2,
  float4: 3,
  float8: 4,
  date: 5,
  timestamp: 6,
  bool: 7,
  text: 8,
};
const textKind = 8;

/**
 * Encodes the non-empty non-character field of kind code `kind` at `src[p]` (ending at the delimiter `d` or at `e`)
 * at `o`; the new offset (and `fieldEnd[0]`), or -1 when declined.
 */
function encodeField(
  kind: number,
  src: Buffer,
  p: number,
  e: number,
  d: number,
  view: DataView,
  o: number,
): number {
  switch (kind) {
    case 0:
      return encodeSmallInteger(src, p, e, d, view, o, 2);
    case 1:
      return encodeSmallInteger(src, p, e, d, view, o, 4);
    case 2:
      return encodeBigInteger(src, p, e, d, view, o);
    case 3:
      return encodeFloat4(src, p, e, d, view, o);
    case 4:
      return encodeFloat8(src, p, e, d, view, o);
    case 5:
      return encodeDate(src, p, e, d, view, o);
    case 6:
      return encodeTimestamp(src, p, e, d, view, o);
    default:
      return encodeBool(src, p, e, d, view, o);
  }
}

/** Reads lines of the object and writes binary rows; one instance per object. */
class TextToBinary {
  readonly spec: BinaryCopySpec;
  readonly object: string;
  readonly out: BinaryWriter;
  readonly kinds: Uint8Array;
  readonly maxChars: Float64Array;
  line = 0;
  rows = 0;
  constructor(spec: BinaryCopySpec, object: string, out: BinaryWriter) {
    this.spec = spec;
    this.object = object;
    this.out = out;
    this.kinds = Uint8Array.from(spec.columns, (column) => kindCodes[column.kind]);
    this.maxChars = Float64Array.from(spec.columns, (column) => column.maxChars ?? Number.POSITIVE_INFINITY);
  }

  refuse(reason: string): never {
    throw new BinaryCopyRefusedError(this.object, `line ${this.line}: ${reason}`);
  }

  /** The header line: skipped, but it must hold nothing the text COPY would read differently. */
  header(src: Buffer, s: number, e: number): void {
    for (let i = s; i < e; i++) {
      const byte = src[i]!;
      if (byte === 0 || byte === 0x0d || byte === this.spec.quote)
        this.refuse('the header line holds a NUL, CR or quote byte');
    }
    if (!isUtf8(src.subarray(s, e))) this.refuse('the header line is not valid UTF-8');
    if (e - s >= 2 && src[s] === backslash && src[s + 1] === dot)
      this.refuse('the header line starts with \\.');
  }

  /** One data line `src[s, e)` (without its newline) → one binary row. */
  row(src: Buffer, s: number, e: number): void {
    const { delimiter, quote, nullAs, emptyCharIsEmpty } = this.spec;
    const { kinds, maxChars } = this;
    const columnCount = kinds.length;
    if (s === e) this.refuse('an empty line');
    if (e - s >= 2 && src[s] === backslash && src[s + 1] === dot)
      this.refuse('a line starting with \\. (end-of-data marker)');
    const out = this.out;
    out.ensure(2 + columnCount * 12 + (e - s));
    let o = out.offset;
    out.view.setInt16(o, columnCount);
    o += 2;
    let p = s;
    for (let c = 0; c < columnCount; c++) {
      const kind = kinds[c]!;
      let q = p;
      if (p === e || src[p] === delimiter) {
        out.view.setInt32(o, kind === textKind && emptyCharIsEmpty ? 0 : -1);
        o += 4;
      } else if (kind === textKind) {
        let highBytes = false;
        for (; q < e; q++) {
          const byte = src[q]!;
          if (byte === delimiter) break;
          if (byte < 0x0e) {
            if (byte === 0 || byte === 0x0d || byte === quote)
              this.refuse(`field ${c + 1} holds a NUL, CR or the quote byte`);
          } else if (byte >= 0x80) highBytes = true;
        }
        if (highBytes && !isUtf8(src.subarray(p, q))) this.declineField(src, p, q, c);
        if ((highBytes ? characterCount(src, p, q) : q - p) > maxChars[c]!) this.declineField(src, p, q, c);
        if (nullAs.length === q - p && nullAs.compare(src, p, q) === 0)
          this.refuse(`field ${c + 1} is the NULL AS string`);
        out.view.setInt32(o, q - p);
        // A native copy costs more than a loop for the short fields character columns mostly hold.
        if (q - p > 32) src.copy(out.buffer, o + 4, p, q);
        else {
          const bytes = out.buffer;
          for (let i = p, j = o + 4; i < q; i++, j++) bytes[j] = src[i]!;
        }
        o += 4 + q - p;
      } else {
        const next = encodeField(kind, src, p, e, delimiter, out.view, o);
        q = next < 0 ? this.declineField(src, p, e, c) : fieldEnd[0]!;
        if (nullAs.length === q - p && nullAs.compare(src, p, q) === 0)
          this.refuse(`field ${c + 1} is the NULL AS string`);
        o = next;
      }
      if (q === e ? c !== columnCount - 1 : c === columnCount - 1) {
        this.refuse(q === e ? `${c + 1} fields, ${columnCount} columns` : `more than ${columnCount} fields`);
      }
      p = q + 1;
    }
    out.offset = o;
    this.rows++;
  }

  declineField(src: Buffer, p: number, q: number, c: number): never {
    const column = this.spec.columns[c]!;
    const type = `${column.kind}${column.maxChars === undefined ? '' : `(${column.maxChars})`}`;
    let end = p;
    while (end < q && end < p + 64 && src[end] !== this.spec.delimiter) end++;
    const text = JSON.stringify(src.toString('utf8', p, end));
    return this.refuse(`field ${c + 1} ${text} is outside the binary subset of ${type}`);
  }

  handleLine(src: Buffer, s: number, e: number): void {
    this.line++;
    if (this.line === 1 && this.spec.header) this.header(src, s, e);
    else this.row(src, s, e);
  }
}

/**
 * Streams the text object open on `inputFd` into binary COPY data written to `outputFd`, `chunkBytes` at a time
 * (a line longer than a chunk grows the buffer), calling `onChunk` after each read (the converter thread's
 * heartbeat; it may throw to stop). Returns the rows written.
 *
 * @throws BinaryCopyRefusedError naming `object` and the line when the text is outside the strict subset.
 * @example
 * const rows = convertTextToBinaryCopy(parseBinaryCopySpec('7c:01:0::0:-:i4,v20'), input, output, 's3://b/k');
 */
export function convertTextToBinaryCopy(
  spec: BinaryCopySpec,
  inputFd: number,
  outputFd: number,
  object: string,
  chunkBytes: number = defaultChunkBytes,
  onChunk?: () => void,
): number {
  const out = new BinaryWriter(outputFd, chunkBytes + 64);
  out.ensure(fileHeader.length);
  fileHeader.copy(out.buffer, 0);
  out.offset = fileHeader.length;
  const converter = new TextToBinary(spec, object, out);
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let start = 0;
  let end = 0;
  for (;;) {
    const read = readSync(inputFd, buffer, end, buffer.length - end, null);
    onChunk?.();
    const atEnd = read === 0;
    end += read;
    let newlineAt = buffer.indexOf(newline, start);
    while (newlineAt !== -1 && newlineAt < end) {
      converter.handleLine(buffer, start, newlineAt);
      start = newlineAt + 1;
      newlineAt = buffer.indexOf(newline, start);
    }
    if (atEnd) {
      // A last line without a newline is a row.
      if (start < end) converter.handleLine(buffer, start, end);
      break;
    }
    if (start > 0) {
      buffer.copy(buffer, 0, start, end);
      end -= start;
      start = 0;
    }
    if (end === buffer.length) {
      const larger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(larger, 0, 0, end);
      buffer = larger;
    }
  }
  out.ensure(2);
  out.view.setInt16(out.offset, -1);
  out.offset += 2;
  out.flush();
  return converter.rows;
}
