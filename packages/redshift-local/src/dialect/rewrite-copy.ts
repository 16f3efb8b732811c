import { CopyTokenCursor } from './copy-token-cursor';
import { readCopyOptions } from './read-copy-options';
import { readCopySource } from './read-copy-source';
import { readCopyTarget } from './read-copy-target';
import { quoteLiteral } from './token-list';
import type { Token } from './tokenize';

export type { CopyOptions } from './copy-options';

/**
 * Name of the helper procedure (in compatibilitySql) a COPY from S3 is rewritten into.
 *
 * @example
 * ```ts
 * translateRedshiftSql("copy t from 's3://b/k'").startsWith(`CALL ${copyProcedureName}(`); // true
 * ```
 */
export const copyProcedureName = 'shiftflow_compat.copy_from_s3';

/**
 * Rewrites a Redshift `COPY table [(columns)] FROM 's3://…' options…` into
 * `CALL shiftflow_compat.copy_from_s3('table', ARRAY['col', …], 's3://…', '{…options…}'::jsonb)`.
 *
 * @throws NotEmulatedError for sources other than S3 and options or formats that are not emulated.
 * @throws RedshiftSyntaxError for a malformed COPY.
 */
export function rewriteCopy(tokens: readonly Token[], sql: string): string {
  const cursor = new CopyTokenCursor(tokens, sql, 1); // after COPY
  const { table, columns } = readCopyTarget(cursor);
  const source = readCopySource(cursor);
  const options = readCopyOptions(cursor);
  const columnList =
    columns.length === 0 ? 'NULL::text[]' : `ARRAY[${columns.map(quoteLiteral).join(', ')}]::text[]`;
  return `CALL ${copyProcedureName}(${quoteLiteral(table)}, ${columnList}, ${quoteLiteral(source)}, ${quoteLiteral(JSON.stringify(options))}::jsonb)`;
}
