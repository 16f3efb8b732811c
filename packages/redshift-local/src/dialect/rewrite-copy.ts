import { NotEmulatedError, RedshiftSyntaxError } from './errors';
import { quoteLiteral } from './token-list';
import { isTrivia, type Token } from './tokenize';

/**
 * The options of a Redshift COPY the local helper understands, passed to it as JSON.
 *
 * @example
 * ```ts
 * const options: CopyOptions = { ...defaults, delimiter: ',', csv: true, ignoreHeader: 1 };
 * ```
 */
export interface CopyOptions {
  delimiter: string;
  csv: boolean;
  quote: string;
  ignoreHeader: number;
  /** The NULL AS string; Redshift's default is `\N`. */
  nullAs: string;
  emptyAsNull: boolean;
  blanksAsNull: boolean;
  /** GZIP, BZIP2, ZSTD or LZOP: the program that decompresses each object; null for plain objects. */
  compression: 'gzip' | 'bzip2' | 'zstd' | 'lzop' | null;
  /** MAXERROR: how many rejected rows the load skips (and records in stl_load_errors) before it fails. */
  maxError: number;
  dateFormat: string | null;
  timeFormat: string | null;
  manifest: boolean;
  explicitIds: boolean;
  truncateColumns: boolean;
  region: string | null;
}

/**
 * Name of the helper procedure (in compatibilitySql) a COPY from S3 is rewritten into.
 *
 * @example
 * ```ts
 * translateRedshiftSql("copy t from 's3://b/k'").startsWith(`CALL ${copyProcedureName}(`); // true
 * ```
 */
export const copyProcedureName = 'shiftflow_compat.copy_from_s3';

/** The most rows MAXERROR lets a load skip. */
const maxErrorLimit = 100_000;

/** Options accepted and ignored: they only concern authorization or statistics. */
const credentialOptions = new Set([
  'iam_role',
  'access_key_id',
  'secret_access_key',
  'session_token',
  'credentials',
]);

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
 * Rewrites a Redshift `COPY table [(columns)] FROM 's3://…' options…` into
 * `CALL shiftflow_compat.copy_from_s3('table', ARRAY['col', …], 's3://…', '{…options…}'::jsonb)`.
 *
 * @throws NotEmulatedError for sources other than S3 and options or formats that are not emulated.
 * @throws RedshiftSyntaxError for a malformed COPY.
 */
export function rewriteCopy(tokens: readonly Token[], sql: string): string {
  const significant = tokens.filter((token) => !isTrivia(token));
  let position = 1; // after COPY
  const fail = (message: string): never => {
    throw new RedshiftSyntaxError(
      message,
      sql,
      significant[Math.min(position, significant.length - 1)]?.start ?? 0,
    );
  };
  const peek = (): Token | undefined => significant[position];
  const isWord = (token: Token | undefined, ...words: string[]): boolean =>
    token !== undefined && token.type === 'word' && words.includes(token.value);

  // Table name: identifier(s) joined by '.'.
  let table = '';
  for (;;) {
    const token = peek();
    if (token === undefined || (token.type !== 'word' && token.type !== 'quoted-identifier'))
      fail('COPY needs a table name');
    table += token!.text;
    position++;
    if (peek()?.text === '.' && peek()?.type === 'punctuation') {
      table += '.';
      position++;
      continue;
    }
    break;
  }

  const columns: string[] = [];
  if (peek()?.type === 'punctuation' && peek()?.text === '(') {
    position++;
    for (;;) {
      const token = peek();
      if (token === undefined) fail('unterminated COPY column list');
      if (token!.type === 'word') columns.push(token!.value);
      else if (token!.type === 'quoted-identifier') columns.push(token!.value);
      else fail(`unexpected ${JSON.stringify(token!.text)} in COPY column list`);
      position++;
      const separator = peek();
      position++;
      if (separator?.text === ')') break;
      if (separator?.text !== ',') fail('COPY column list needs commas between column names');
    }
  }

  if (isWord(peek(), 'to')) throw new NotEmulatedError('COPY … TO (use UNLOAD in Redshift)', sql);
  if (!isWord(peek(), 'from')) fail('COPY needs FROM after the table');
  position++;
  const source = peek();
  if (source === undefined || source.type !== 'string') {
    throw new NotEmulatedError(`COPY FROM ${source?.text ?? '(nothing)'}`, sql);
  }
  if (!/^s3:\/\/[^/]+/.test(source.value)) {
    const scheme = /^[a-z0-9]+:\/\//i.exec(source.value)?.[0] ?? source.value;
    throw new NotEmulatedError(`COPY FROM '${scheme}…' (only s3:// sources are emulated)`, sql);
  }
  position++;

  const options: CopyOptions = {
    delimiter: '|',
    csv: false,
    quote: '"',
    ignoreHeader: 0,
    nullAs: '\\N',
    emptyAsNull: false,
    blanksAsNull: false,
    compression: null,
    maxError: 0,
    dateFormat: null,
    timeFormat: null,
    manifest: false,
    explicitIds: false,
    truncateColumns: false,
    region: null,
  };
  let delimiterGiven = false;

  const optionalAs = (): void => {
    if (isWord(peek(), 'as')) position++;
  };
  const stringValue = (option: string): string => {
    optionalAs();
    const token = peek();
    if (token?.type !== 'string') fail(`COPY option ${option} needs a quoted value`);
    position++;
    return token!.value;
  };

  while (position < significant.length) {
    const token = peek()!;
    if (token.type !== 'word') fail(`unexpected ${JSON.stringify(token.text)} in COPY options`);
    const option = token.value;
    position++;
    if (option === 'with' && isWord(peek(), 'credentials')) continue;
    if (credentialOptions.has(option)) {
      optionalAs();
      const value = peek();
      if (value?.type === 'string' || isWord(value, 'default')) position++;
      else fail(`COPY option ${option.toUpperCase()} needs a quoted value or DEFAULT`);
      continue;
    }
    switch (option) {
      case 'region':
        options.region = stringValue('REGION');
        break;
      case 'delimiter':
        options.delimiter = delimiterOf(stringValue('DELIMITER'), sql);
        delimiterGiven = true;
        break;
      case 'csv':
        options.csv = true;
        break;
      case 'quote':
        options.quote = singleCharacter('QUOTE', stringValue('QUOTE'), sql);
        break;
      case 'format': {
        optionalAs();
        const format = peek();
        position++;
        if (isWord(format, 'csv')) options.csv = true;
        else if (format !== undefined && format.type === 'word' && notEmulatedFormats.has(format.value)) {
          throw new NotEmulatedError(`COPY option FORMAT AS ${format.value.toUpperCase()}`, sql);
        } else fail(`unknown COPY format ${JSON.stringify(format?.text ?? '')}`);
        break;
      }
      case 'ignoreheader': {
        optionalAs();
        const count = peek();
        if (count?.type !== 'number' || !/^[0-9]+$/.test(count.text))
          fail('IGNOREHEADER needs a whole number of lines');
        options.ignoreHeader = Number(count!.text);
        position++;
        break;
      }
      case 'null':
        options.nullAs = stringValue('NULL AS');
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
          fail(
            `COPY options ${options.compression.toUpperCase()} and ${option.toUpperCase()} exclude each other`,
          );
        }
        options.compression = option;
        break;
      case 'maxerror': {
        // MAXERROR [AS] error_count: default 0, at most 100,000
        // (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html).
        optionalAs();
        const count = peek();
        if (count?.type !== 'number' || !/^[0-9]+$/.test(count.text) || Number(count.text) > maxErrorLimit)
          fail(`MAXERROR needs a whole number from 0 to ${maxErrorLimit}`);
        options.maxError = Number(count!.text);
        position++;
        break;
      }
      case 'dateformat':
        options.dateFormat = stringValue('DATEFORMAT');
        break;
      case 'timeformat':
        options.timeFormat = stringValue('TIMEFORMAT');
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
      case 'encoding': {
        optionalAs();
        const encoding = peek();
        position++;
        // The local engine reads UTF-8; other encodings are not emulated.
        if (encoding?.type !== 'word' || !['utf8', 'utf_8'].includes(encoding.value)) {
          throw new NotEmulatedError(`COPY option ENCODING ${encoding?.text ?? ''}`.trim(), sql);
        }
        break;
      }
      case 'compupdate':
      case 'statupdate':
        // Compression analysis and statistics updates have no local effect.
        if (isWord(peek(), 'on', 'off', 'true', 'false', 'preset')) position++;
        break;
      default:
        if (notEmulatedFormats.has(option))
          throw new NotEmulatedError(`COPY option FORMAT AS ${option.toUpperCase()}`, sql);
        if (notEmulatedOptions.has(option))
          throw new NotEmulatedError(`COPY option ${option.toUpperCase()}`, sql);
        fail(`unknown COPY option ${option.toUpperCase()}`);
    }
  }
  if (options.csv && !delimiterGiven) options.delimiter = ',';
  if (options.delimiter === options.quote && options.csv) {
    throw new RedshiftSyntaxError('COPY DELIMITER and QUOTE must differ', sql, significant[0]?.start ?? 0);
  }

  const columnList =
    columns.length === 0 ? 'NULL::text[]' : `ARRAY[${columns.map(quoteLiteral).join(', ')}]::text[]`;
  return `CALL ${copyProcedureName}(${quoteLiteral(table)}, ${columnList}, ${quoteLiteral(source.value)}, ${quoteLiteral(JSON.stringify(options))}::jsonb)`;
}

function singleCharacter(option: string, value: string, sql: string): string {
  if (value.length !== 1)
    throw new RedshiftSyntaxError(
      `COPY ${option} must be one character, got ${JSON.stringify(value)}`,
      sql,
      0,
    );
  return value;
}

/** Redshift reads escapes in DELIMITER: '\t' is a tab, '\NNN' an octal byte. */
function delimiterOf(value: string, sql: string): string {
  if (value === '\\t') return '\t';
  const octal = /^\\([0-7]{3})$/.exec(value);
  if (octal) return String.fromCharCode(Number.parseInt(octal[1]!, 8));
  return singleCharacter('DELIMITER', value, sql);
}
