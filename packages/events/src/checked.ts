import type * as z from 'zod/mini';

/**
 * `schema.check(...checks)` as a plain function call, so the call sites can be marked pure and
 * bundlers drop the schemas a handler never uses (method calls cannot carry the annotation).
 */
export function checked<Schema extends z.ZodMiniType>(
  schema: Schema,
  ...checks: Parameters<Schema['check']>
): Schema {
  return schema.check(...checks);
}
