import type { CopyTokenCursor } from './copy-token-cursor';
import { NotEmulatedError } from './errors';

/**
 * Reads `FROM 's3://…'` after a COPY's target and returns the URI.
 *
 * @throws NotEmulatedError for COPY … TO and for sources other than an `s3://` string.
 * @throws RedshiftSyntaxError when FROM is missing.
 * @example
 * ```ts
 * readCopySource(cursor); // 's3://bucket/prefix/'
 * ```
 */
export function readCopySource(cursor: CopyTokenCursor): string {
  const sql = cursor.sql;
  if (cursor.isWord(cursor.peek(), 'to'))
    throw new NotEmulatedError('COPY … TO (use UNLOAD in Redshift)', sql);
  if (!cursor.isWord(cursor.peek(), 'from')) cursor.fail('COPY needs FROM after the table');
  cursor.advance();
  const source = cursor.peek();
  if (source === undefined || source.type !== 'string') {
    throw new NotEmulatedError(`COPY FROM ${source?.text ?? '(nothing)'}`, sql);
  }
  if (!/^s3:\/\/[^/]+/.test(source.value)) {
    const scheme = /^[a-z0-9]+:\/\//i.exec(source.value)?.[0] ?? source.value;
    throw new NotEmulatedError(`COPY FROM '${scheme}…' (only s3:// sources are emulated)`, sql);
  }
  cursor.advance();
  return source.value;
}
