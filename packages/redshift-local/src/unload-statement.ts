/**
 * Reads a top-level Redshift `UNLOAD ('select …') TO 's3://bucket/prefix' authorization [option …]`
 * into what the local Data API needs to run it: the SELECT (run on the engine) and how to write its rows
 * into the local S3 folder (see write-unload-files.ts). Options and defaults follow
 * https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html; options that make no sense locally or are
 * not emulated (PARQUET, JSON, FIXEDWIDTH, PARTITION BY, ENCRYPTED, BZIP2, ZSTD, MANIFEST VERBOSE,
 * CLEANPATH) are refused by name (see read-unload-options.ts).
 */
import { isTrivia, tokenize } from './dialect/tokenize';
import { readUnloadOptions, type UnloadOptions } from './read-unload-options';
import { isWord, UnloadTokenCursor } from './unload-token-cursor';

/** A parsed UNLOAD: the query and how its rows become files. */
export interface UnloadStatement extends UnloadOptions {
  /** The SELECT to run (Redshift SQL, translated by the dialect before it runs). */
  select: string;
  /** Bucket of the `TO 's3://bucket/prefix'` location. */
  bucket: string;
  /** Key prefix of the files (may be empty or end with `/`). */
  prefix: string;
}

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
  const cursor = new UnloadTokenCursor(sql, tokens, 1);
  if (cursor.next()?.text !== '(') cursor.fail("UNLOAD needs ('select-statement')");
  const select = cursor.stringArgument('(select-statement)');
  if (cursor.next()?.text !== ')') cursor.fail("UNLOAD needs ('select-statement') in parentheses");
  if (!isWord(cursor.next(), 'to')) cursor.fail("UNLOAD needs TO 's3://bucket/prefix'");
  const location = cursor.stringArgument('TO');
  const match = /^s3:\/\/([^/]+)\/?(.*)$/s.exec(location);
  if (match === null)
    return cursor.fail(`UNLOAD TO needs an s3://bucket/prefix location, not ${JSON.stringify(location)}`);
  return { select, bucket: match[1]!, prefix: match[2]!, ...readUnloadOptions(cursor) };
}
