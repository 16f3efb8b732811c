import { copyDelimiter } from './copy-delimiter';
import type { CopyOptions } from './copy-options';
import type { CopyTokenCursor } from './copy-token-cursor';
import { NotEmulatedError } from './errors';
import { singleCharacterOption } from './single-character-option';

/** The most rows MAXERROR lets a load skip. */
const maxErrorLimit = 100_000;

const notEmulatedFormats = new Set([
  'parquet',
  'orc',
  'json',
  'avro',
  'fixedwidth',
  'shapefile',
  'rcfile',
  'sequencefile',
]);

const notEmulatedOptions = new Set([
  'escape',
  'removequotes',
  'acceptinvchars',
  'fillrecord',
  'trimblanks',
  'roundec',
  'acceptanydate',
  'ignoreblanklines',
  'noload',
  'encrypted',
  'master_symmetric_key',
  'ssh',
  'readratio',
  'comprows',
  'shapefile',
  'simplify',
  'serializetojson',
  'ignorealldeletes',
]);

/**
 * Reads the value (if any) of the COPY option `option`, whose name the cursor has just passed, into
 * `options`. Authorization options are the caller's (they are skipped, not read).
 *
 * @throws NotEmulatedError for options, formats and encodings that are not emulated.
 * @throws RedshiftSyntaxError for an unknown option or a malformed value.
 * @example
 * ```ts
 * readCopyOption(cursor, 'delimiter', options); // options.delimiter = ',' for `DELIMITER ','`
 * ```
 */
export function readCopyOption(cursor: CopyTokenCursor, option: string, options: CopyOptions): void {
  const sql = cursor.sql;
  switch (option) {
    case 'region':
      options.region = cursor.stringValue('REGION');
      break;
    case 'delimiter':
      options.delimiter = copyDelimiter(cursor.stringValue('DELIMITER'), sql);
      break;
    case 'csv':
      options.csv = true;
      break;
    case 'quote':
      options.quote = singleCharacterOption('QUOTE', cursor.stringValue('QUOTE'), sql);
      break;
    case 'format':
      readFormat(cursor, options);
      break;
    case 'ignoreheader':
      options.ignoreHeader = readIgnoreHeader(cursor);
      break;
    case 'null':
      options.nullAs = cursor.stringValue('NULL AS');
      break;
    case 'emptyasnull':
      options.emptyAsNull = true;
      break;
    case 'blanksasnull':
      options.blanksAsNull = true;
      break;
    case 'gzip':
    case 'bzip2':
    case 'zstd':
    case 'lzop':
      if (options.compression !== null && options.compression !== option) {
        cursor.fail(
          `COPY options ${options.compression.toUpperCase()} and ${option.toUpperCase()} exclude each other`,
        );
      }
      options.compression = option;
      break;
    case 'maxerror':
      options.maxError = readMaxError(cursor);
      break;
    case 'dateformat':
      options.dateFormat = cursor.stringValue('DATEFORMAT');
      break;
    case 'timeformat':
      options.timeFormat = cursor.stringValue('TIMEFORMAT');
      break;
    case 'manifest':
      options.manifest = true;
      break;
    case 'explicit_ids':
      options.explicitIds = true;
      break;
    case 'truncatecolumns':
      options.truncateColumns = true;
      break;
    case 'encoding':
      readEncoding(cursor);
      break;
    case 'compupdate':
    case 'statupdate':
      // Compression analysis and statistics updates have no local effect.
      if (cursor.isWord(cursor.peek(), 'on', 'off', 'true', 'false', 'preset')) cursor.advance();
      break;
    default:
      refuseOption(cursor, option);
  }
}

/** FORMAT [AS] CSV; the other formats are not emulated. */
function readFormat(cursor: CopyTokenCursor, options: CopyOptions): void {
  cursor.optionalAs();
  const format = cursor.peek();
  cursor.advance();
  if (cursor.isWord(format, 'csv')) options.csv = true;
  else if (format !== undefined && format.type === 'word' && notEmulatedFormats.has(format.value)) {
    throw new NotEmulatedError(`COPY option FORMAT AS ${format.value.toUpperCase()}`, cursor.sql);
  } else cursor.fail(`unknown COPY format ${JSON.stringify(format?.text ?? '')}`);
}

/** IGNOREHEADER [AS] number_rows. */
function readIgnoreHeader(cursor: CopyTokenCursor): number {
  cursor.optionalAs();
  const count = cursor.peek();
  if (count?.type !== 'number' || !/^[0-9]+$/.test(count.text))
    cursor.fail('IGNOREHEADER needs a whole number of lines');
  cursor.advance();
  return Number(count!.text);
}

/**
 * MAXERROR [AS] error_count: default 0, at most 100,000
 * (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html).
 */
function readMaxError(cursor: CopyTokenCursor): number {
  cursor.optionalAs();
  const count = cursor.peek();
  if (count?.type !== 'number' || !/^[0-9]+$/.test(count.text) || Number(count.text) > maxErrorLimit)
    cursor.fail(`MAXERROR needs a whole number from 0 to ${maxErrorLimit}`);
  cursor.advance();
  return Number(count!.text);
}

/** ENCODING [AS] UTF8: the local engine reads UTF-8; other encodings are not emulated. */
function readEncoding(cursor: CopyTokenCursor): void {
  cursor.optionalAs();
  const encoding = cursor.peek();
  cursor.advance();
  if (encoding?.type !== 'word' || !['utf8', 'utf_8'].includes(encoding.value)) {
    throw new NotEmulatedError(`COPY option ENCODING ${encoding?.text ?? ''}`.trim(), cursor.sql);
  }
}

/** An option that is not read: a format or option that is not emulated, or one Redshift does not have. */
function refuseOption(cursor: CopyTokenCursor, option: string): never {
  if (notEmulatedFormats.has(option))
    throw new NotEmulatedError(`COPY option FORMAT AS ${option.toUpperCase()}`, cursor.sql);
  if (notEmulatedOptions.has(option))
    throw new NotEmulatedError(`COPY option ${option.toUpperCase()}`, cursor.sql);
  return cursor.fail(`unknown COPY option ${option.toUpperCase()}`);
}
