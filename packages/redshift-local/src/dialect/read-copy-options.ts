import type { CopyOptions } from './copy-options';
import type { CopyTokenCursor } from './copy-token-cursor';
import { RedshiftSyntaxError } from './errors';
import { readCopyOption } from './read-copy-option';

/** Options accepted and ignored: they only concern authorization or statistics. */
const credentialOptions = new Set([
  'iam_role',
  'access_key_id',
  'secret_access_key',
  'session_token',
  'credentials',
]);

/**
 * Reads the options after a COPY's source up to the end of the statement, starting from Redshift's
 * defaults; CSV makes the delimiter `,` unless DELIMITER is given.
 *
 * @throws NotEmulatedError for options or formats that are not emulated.
 * @throws RedshiftSyntaxError for an unknown or malformed option, or a CSV whose DELIMITER and QUOTE agree.
 * @example
 * ```ts
 * readCopyOptions(cursor); // { delimiter: ',', csv: true, ignoreHeader: 1, … } for `CSV IGNOREHEADER 1`
 * ```
 */
export function readCopyOptions(cursor: CopyTokenCursor): CopyOptions {
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

  while (!cursor.atEnd()) {
    const token = cursor.peek()!;
    if (token.type !== 'word') cursor.fail(`unexpected ${JSON.stringify(token.text)} in COPY options`);
    const option = token.value;
    cursor.advance();
    if (option === 'with' && cursor.isWord(cursor.peek(), 'credentials')) continue;
    if (credentialOptions.has(option)) {
      skipCredential(cursor, option);
      continue;
    }
    readCopyOption(cursor, option, options);
    if (option === 'delimiter') delimiterGiven = true;
  }
  if (options.csv && !delimiterGiven) options.delimiter = ',';
  if (options.delimiter === options.quote && options.csv) {
    throw new RedshiftSyntaxError(
      'COPY DELIMITER and QUOTE must differ',
      cursor.sql,
      cursor.significant[0]?.start ?? 0,
    );
  }
  return options;
}

/** Steps over the value of an authorization option: a quoted value or DEFAULT. */
function skipCredential(cursor: CopyTokenCursor, option: string): void {
  cursor.optionalAs();
  const value = cursor.peek();
  if (value?.type === 'string' || cursor.isWord(value, 'default')) cursor.advance();
  else cursor.fail(`COPY option ${option.toUpperCase()} needs a quoted value or DEFAULT`);
}
