// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';
import { cellSchema, columnSchema } from './column-schema';

/** `POST /api/sql` body: one SQL statement for the local Redshift. */
export const sqlRequestSchema = z.object({ sql: z.string().min(1).max(100_000) });
/** `POST /api/sql` body. */
export type SqlRequest = z.infer<typeof sqlRequestSchema>;

/** A page of a statement's result (`POST /api/sql` gives the first, `GET /api/sql/results` the next). */
export const sqlResultSchema = z.object({
  statementId: z.string(),
  /**
   * Empty for a statement without a result set. Later pages carry what the Data API page they come
   * from carries (may be empty): keep the first page's columns.
   */
  columns: z.array(columnSchema),
  rows: z.array(z.array(cellSchema)),
  /** Pass to `GET /api/sql/results?statementId=…&nextToken=…` for the next page; null on the last. */
  nextToken: z.string().nullable(),
  /** Rows of the whole result (all pages); for a statement without result set, rows affected (-1 unknown). */
  totalRows: z.number().int(),
  hasResultSet: z.boolean(),
  durationMs: z.number().nullable(),
});
/** A page of a SQL result. */
export type SqlResult = z.infer<typeof sqlResultSchema>;
