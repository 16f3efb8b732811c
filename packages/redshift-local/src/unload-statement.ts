/**
 * Reads a top-level Redshift `UNLOAD ('select …') TO 's3://bucket/prefix' authorization [option …]`
 * into what the local Data API needs to run it: the SELECT (run on the engine) and how to write its rows
 * into the local S3 folder (see write-unload-files.ts). Options and defaults follow
 * https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html; options that make no sense locally or are
 * not emulated (PARQUET, JSON, FIXEDWIDTH, PARTITION BY, ENCRYPTED, BZIP2, ZSTD, MANIFEST VERBOSE,
 * CLEANPATH) are refused by name.
 */
import { NotEmulatedError, RedshiftSyntaxError } from './dialect/errors';
import { isTrivia, type Token, tokenize } from './dialect/tokenize';

/** A parsed UNLOAD: the query and how its rows become files. */
export interface UnloadStatement {
  /** The SELECT to run (Redshift SQL, translated by the dialect before it runs). */
  select: string;
  /** Bucket of the `TO 's3://bucket/prefix'` location. */
  bucket: string;
  /** Key prefix of the files (may be empty or end with `/`). */
  prefix: string;
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
 * The UNLOAD `sql` holds, or undefined when `sql` is not one UNLOAD statement (anything else, or several
 * statements, goes to the dialect as before).
 *
 * @throws RedshiftSyntaxError for a malformed UNLOAD; NotEmulatedError naming an option not emulated.
 * @example
 * parseUnloadStatement("unload ('select * from venue') to 's3://b/unload/venue_' iam_role default parallel off");
 * // { select: 'select * from venue', bucket: 'b', prefix: 'unload/venue_', parallel: false, delimiter: '|', … }
 */
export function parseUnloadStatement(sql: string): UnloadStatement | undefined {
  const tokens = tokenize(sql, { allowUnterminated: true }).filter((token) => !isTrivia(token));
  if (tokens[0]?.type !== 'word' || tokens[0].value !== 'unload') return undefined;
  while (tokens.at(-1)?.text === ';') tokens.pop();
  if (tokens.some((token) => token.text === ';')) return undefined;
  let position = 1;
  const fail = (message: string): never => {
    throw new RedshiftSyntaxError(message, sql, tokens[Math.min(position, tokens.length - 1)]?.start ?? 0);
  };
  const next = (): Token | undefined => tokens[position++];
  const isWord = (token: Token | undefined, ...words: string[]): boolean =>
    token?.type === 'word' && words.includes(token.value);
  const stringArgument = (what: string): string => {
    const token = next();
    if (token?.type !== 'string') return fail(`UNLOAD ${what} needs a quoted string`);
    return token.value;
  };
  if (next()?.text !== '(') fail("UNLOAD needs ('select-statement')");
  const select = stringArgument('(select-statement)');
  if (next()?.text !== ')') fail("UNLOAD needs ('select-statement') in parentheses");
  if (!isWord(next(), 'to')) fail("UNLOAD needs TO 's3://bucket/prefix'");
  const location = stringArgument('TO');
  const match = /^s3:\/\/([^/]+)\/?(.*)$/s.exec(location);
  if (match === null)
    return fail(`UNLOAD TO needs an s3://bucket/prefix location, not ${JSON.stringify(location)}`);
  const unload: UnloadStatement = {
    select,
    bucket: match[1]!,
    prefix: match[2]!,
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
  while (position < tokens.length) {
    const token = next()!;
    if (token.type !== 'word') fail(`unexpected ${JSON.stringify(token.text)} in UNLOAD options`);
    const option = token.value;
    const refused = refusedOptions.get(option);
    if (refused !== undefined) throw new NotEmulatedError(refused, sql);
    if (ignoredStringOptions.has(option)) {
      if (isWord(tokens[position], 'as')) position++;
      if (option === 'iam_role' && isWord(tokens[position], 'default')) position++;
      else stringArgument(option.toUpperCase());
    } else if (option === 'format') {
      if (isWord(tokens[position], 'as')) position++;
      const format = next();
      if (isWord(format, 'csv')) unload.csv = true;
      else if (isWord(format, 'parquet', 'json'))
        throw new NotEmulatedError(`UNLOAD … FORMAT ${format!.value.toUpperCase()}`, sql);
      else fail('UNLOAD FORMAT needs CSV, PARQUET or JSON');
    } else if (option === 'csv') unload.csv = true;
    else if (option === 'header') unload.header = true;
    else if (option === 'gzip') unload.gzip = true;
    else if (option === 'addquotes') unload.addQuotes = true;
    else if (option === 'escape') unload.escape = true;
    else if (option === 'allowoverwrite') unload.allowOverwrite = true;
    else if (option === 'manifest') {
      unload.manifest = true;
      if (isWord(tokens[position], 'verbose')) throw new NotEmulatedError('UNLOAD … MANIFEST VERBOSE', sql);
    } else if (option === 'delimiter' || option === 'null' || option === 'extension') {
      if (isWord(tokens[position], 'as')) position++;
      const value = stringArgument(option.toUpperCase());
      if (option === 'delimiter') {
        if (value.length !== 1) fail(`UNLOAD DELIMITER must be one character, not ${JSON.stringify(value)}`);
        unload.delimiter = value;
      } else if (option === 'null') unload.nullAs = value;
      else unload.extension = value.replace(/^\./, '');
    } else if (option === 'parallel') {
      if (isWord(tokens[position], 'on', 'true')) position++;
      else if (isWord(tokens[position], 'off', 'false')) {
        position++;
        unload.parallel = false;
      }
    } else if (option === 'maxfilesize') {
      // One file per slice and a single slice locally: files are not split by size.
      if (isWord(tokens[position], 'as')) position++;
      if (next()?.type !== 'number') fail('UNLOAD MAXFILESIZE needs a size');
      if (isWord(tokens[position], 'mb', 'gb')) position++;
    } else fail(`unknown UNLOAD option ${token.text}`);
  }
  if (unload.delimiter === '') unload.delimiter = unload.csv ? ',' : '|';
  if (unload.csv && (unload.addQuotes || unload.escape))
    fail('UNLOAD CSV cannot be used with ADDQUOTES or ESCAPE');
  return unload;
}
