/**
 * The `<spec>` of `shiftflow-binary-copy <spec> '<path>'`, the command the COPY helper runs through PGlite's
 * `COPY … FROM PROGRAM` hook to load an object in PostgreSQL's binary COPY format. Self-contained (node: built-ins
 * and `../errors.ts` only, erasable TypeScript) because the PGlite worker imports it from `src/`.
 */
import { BinaryCopyRefusedError } from '../errors.ts';

/** A target column's type, as the binary COPY writes it. `maxChars` bounds varchar(n)/char(n). */
export interface BinaryColumn {
  kind: 'int2' | 'int4' | 'int8' | 'float4' | 'float8' | 'date' | 'timestamp' | 'bool' | 'text';
  /** Most characters of varchar(n) and char(n); undefined for text and varchar without a length. */
  maxChars?: number | undefined;
}

/** What the text fast path's COPY does with the object, and the target columns in COPY order. */
export interface BinaryCopySpec {
  /** The single delimiter byte. */
  delimiter: number;
  /** The fast path's CSV quote byte, which never occurs in a field it loads unquoted. */
  quote: number;
  /** HEADER true (IGNOREHEADER 1): the first line is skipped. */
  header: boolean;
  /** The NULL AS string's UTF-8 bytes; empty when it is ''. */
  nullAs: Buffer;
  /** FORCE_NOT_NULL on character columns: an empty character field loads as '' (else as NULL). */
  emptyCharIsEmpty: boolean;
  /** gzip, bzip2, zstd or lzop, or undefined for an uncompressed object. */
  compression: 'gzip' | 'bzip2' | 'zstd' | 'lzop' | undefined;
  columns: BinaryColumn[];
}

const simpleKinds: Record<string, BinaryColumn['kind']> = {
  i2: 'int2',
  i4: 'int4',
  i8: 'int8',
  f4: 'float4',
  f8: 'float8',
  d: 'date',
  ts: 'timestamp',
  b: 'bool',
  t: 'text',
};

/** Spec grammar: `<delimiter hex>:<quote hex>:<header 0|1>:<NULL AS hex>:<force not null 0|1>:<compression|->:<types>`. */
const specPattern =
  /^([0-9a-f]{2}):([0-9a-f]{2}):([01]):((?:[0-9a-f]{2})*):([01]):(gzip|bzip2|zstd|lzop|-):([a-z0-9,]+)$/;

function columnOf(code: string, spec: string): BinaryColumn {
  const kind = simpleKinds[code];
  if (kind !== undefined) return { kind };
  const bounded = /^([vc])([1-9][0-9]{0,7})$/.exec(code);
  if (bounded === null)
    throw new BinaryCopyRefusedError(spec, `column type code ${JSON.stringify(code)} is not supported`);
  return { kind: 'text', maxChars: Number(bounded[2]) };
}

/**
 * Reads a spec written by the COPY helper (`binary_copy_spec` in copy-helper-sql.ts).
 *
 * @throws BinaryCopyRefusedError when the spec does not follow the grammar (the text COPY then runs).
 * @example
 * parseBinaryCopySpec('7c:01:0::0:-:d,ts,i2,f4,v20'); // pipe-delimited, no header, five columns
 */
export function parseBinaryCopySpec(spec: string): BinaryCopySpec {
  const match = specPattern.exec(spec);
  if (match === null)
    throw new BinaryCopyRefusedError(spec, 'the spec does not follow the binary COPY grammar');
  const delimiter = Number.parseInt(match[1]!, 16);
  const quote = Number.parseInt(match[2]!, 16);
  // The fast path's quote is chr(1), or chr(2) when the delimiter is chr(1).
  if (quote !== 1 && quote !== 2)
    throw new BinaryCopyRefusedError(spec, `quote byte 0x${match[2]} is not the fast path's`);
  // The field encoders stop at the first byte outside a value's grammar: the delimiter is never one of its bytes.
  const character = String.fromCharCode(delimiter);
  if (
    delimiter === 0 ||
    delimiter >= 0x80 ||
    delimiter === quote ||
    /[\n\r0-9A-Za-z+\-.: ]/.test(character)
  ) {
    throw new BinaryCopyRefusedError(
      spec,
      `delimiter byte 0x${match[1]} is not one the binary subset allows`,
    );
  }
  const compression = match[6] === '-' ? undefined : (match[6] as BinaryCopySpec['compression']);
  return {
    delimiter,
    quote,
    header: match[3] === '1',
    nullAs: Buffer.from(match[4]!, 'hex'),
    emptyCharIsEmpty: match[5] === '1',
    compression,
    columns: match[7]!.split(',').map((code) => columnOf(code, spec)),
  };
}
