/**
 * The options after `UNLOAD (…) TO '…'`, with Redshift's defaults
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html). Options that are not emulated are
 * refused by name; authorization and options that change nothing locally are read and dropped.
 */
import { NotEmulatedError } from './dialect/errors';
import { isWord, type UnloadTokenCursor } from './unload-token-cursor';

/** How an UNLOAD's rows become files. */
export interface UnloadOptions {
  /** `CSV` (or `FORMAT AS CSV`): RFC 4180 quoting; otherwise delimited text. */
  csv: boolean;
  /** One character between fields: `|` for text, `,` for CSV unless DELIMITER says otherwise. */
  delimiter: string;
  header: boolean;
  /** Text written for NULL; an empty string by default. */
  nullAs: string;
  gzip: boolean;
  addQuotes: boolean;
  escape: boolean;
  manifest: boolean;
  allowOverwrite: boolean;
  parallel: boolean;
  /** `EXTENSION 'csv'`: appended to each data file's name as `.csv` (a GZIP file's `.gz` follows it). */
  extension?: string | undefined;
}

const refusedOptions = new Map<string, string>([
  ['parquet', 'UNLOAD … PARQUET'],
  ['json', 'UNLOAD … JSON'],
  ['fixedwidth', 'UNLOAD … FIXEDWIDTH'],
  ['partition', 'UNLOAD … PARTITION BY'],
  ['encrypted', 'UNLOAD … ENCRYPTED'],
  ['bzip2', 'UNLOAD … BZIP2'],
  ['zstd', 'UNLOAD … ZSTD'],
  ['cleanpath', 'UNLOAD … CLEANPATH'],
  ['master_symmetric_key', 'UNLOAD … MASTER_SYMMETRIC_KEY'],
]);

/** Authorization and options that take one string argument and change nothing locally. */
const ignoredStringOptions = new Set([
  'iam_role',
  'credentials',
  'access_key_id',
  'secret_access_key',
  'session_token',
  'kms_key_id',
  'region',
]);

/**
 * Reads the options from `cursor` to the end of the statement and fills in the defaults.
 *
 * @throws RedshiftSyntaxError for an unknown or malformed option; NotEmulatedError naming an option not
 * emulated.
 * @example
 * readUnloadOptions(cursorAfterTheLocation); // { csv: false, delimiter: '|', parallel: true, … }
 */
export function readUnloadOptions(cursor: UnloadTokenCursor): UnloadOptions {
  const options: UnloadOptions = {
    csv: false,
    delimiter: '',
    header: false,
    nullAs: '',
    gzip: false,
    addQuotes: false,
    escape: false,
    manifest: false,
    allowOverwrite: false,
    parallel: true,
  };
  while (!cursor.done) readUnloadOption(cursor, options);
  if (options.delimiter === '') options.delimiter = options.csv ? ',' : '|';
  if (options.csv && (options.addQuotes || options.escape))
    cursor.fail('UNLOAD CSV cannot be used with ADDQUOTES or ESCAPE');
  return options;
}

/** Reads one option (and its argument) into `options`. */
function readUnloadOption(cursor: UnloadTokenCursor, options: UnloadOptions): void {
  const token = cursor.next()!;
  if (token.type !== 'word') cursor.fail(`unexpected ${JSON.stringify(token.text)} in UNLOAD options`);
  const option = token.value;
  const refused = refusedOptions.get(option);
  if (refused !== undefined) throw new NotEmulatedError(refused, cursor.sql);
  if (ignoredStringOptions.has(option)) {
    cursor.skipWord('as');
    if (!(option === 'iam_role' && cursor.skipWord('default'))) cursor.stringArgument(option.toUpperCase());
  } else if (option === 'format') {
    cursor.skipWord('as');
    const format = cursor.next();
    if (isWord(format, 'csv')) options.csv = true;
    else if (isWord(format, 'parquet', 'json'))
      throw new NotEmulatedError(`UNLOAD … FORMAT ${format!.value.toUpperCase()}`, cursor.sql);
    else cursor.fail('UNLOAD FORMAT needs CSV, PARQUET or JSON');
  } else if (option === 'csv') options.csv = true;
  else if (option === 'header') options.header = true;
  else if (option === 'gzip') options.gzip = true;
  else if (option === 'addquotes') options.addQuotes = true;
  else if (option === 'escape') options.escape = true;
  else if (option === 'allowoverwrite') options.allowOverwrite = true;
  else if (option === 'manifest') {
    options.manifest = true;
    if (cursor.nextIsWord('verbose')) throw new NotEmulatedError('UNLOAD … MANIFEST VERBOSE', cursor.sql);
  } else if (option === 'delimiter' || option === 'null' || option === 'extension') {
    cursor.skipWord('as');
    const value = cursor.stringArgument(option.toUpperCase());
    if (option === 'delimiter') {
      if (value.length !== 1)
        cursor.fail(`UNLOAD DELIMITER must be one character, not ${JSON.stringify(value)}`);
      options.delimiter = value;
    } else if (option === 'null') options.nullAs = value;
    else options.extension = value.replace(/^\./, '');
  } else if (option === 'parallel') {
    if (!cursor.skipWord('on', 'true') && cursor.skipWord('off', 'false')) options.parallel = false;
  } else if (option === 'maxfilesize') {
    // One file per slice and a single slice locally: files are not split by size.
    cursor.skipWord('as');
    if (cursor.next()?.type !== 'number') cursor.fail('UNLOAD MAXFILESIZE needs a size');
    cursor.skipWord('mb', 'gb');
  } else cursor.fail(`unknown UNLOAD option ${token.text}`);
}
