// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';

/** One statement of the SQL editor's history (newest first, at most 20, kept in the state folder). */
export const sqlHistoryEntrySchema = z.object({
  sql: z.string(),
  at: z.string(),
  statementId: z.string().nullable(),
  status: z.enum(['FINISHED', 'FAILED', 'ABORTED']),
  totalRows: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
});
/** One statement of the SQL history. */
export type SqlHistoryEntry = z.infer<typeof sqlHistoryEntrySchema>;

/** `GET /api/sql/history`. */
export const sqlHistoryResponseSchema = z.object({ entries: z.array(sqlHistoryEntrySchema) });
/** `GET /api/sql/history`. */
export type SqlHistoryResponse = z.infer<typeof sqlHistoryResponseSchema>;
