// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';

/** A result column: its name and Redshift type name (`int8`, `numeric`, `timestamp`, `varchar`, …). */
export const columnSchema = z.object({ name: z.string(), typeName: z.string() });
/** A result column. */
export type ColumnInfo = z.infer<typeof columnSchema>;

/** A cell: numbers as numbers (int8 beyond 2^53 as a string), timestamps and dates as text, NULL as null. */
export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A cell. */
export type Cell = z.infer<typeof cellSchema>;
