/**
 * How a load error leaves the COPY helper: one `RAISE NOTICE` per rejected row, its text this
 * prefix followed by the row as JSON. A notice reaches the client as soon as it is raised, outside
 * any transaction, so the row survives the ROLLBACK of the failed load, an exception handler in a
 * stored procedure and a failed batch, as Redshift's `stl_load_errors` rows do (written outside the
 * load's transaction). Self-contained (no imports, erasable TypeScript) because the PGlite worker
 * imports it from `src/` on Node 24 as well as from both builds.
 */

/** Prefix of the COPY helper's load-error notices (`copy-helper-sql.ts` raises them). */
export const loadErrorNoticePrefix = 'shiftflow_load_error:';

/**
 * The JSON of a load-error notice's row, or undefined when the notice is another one.
 *
 * @example
 * loadErrorOfNotice('shiftflow_load_error:{"line_number":2}'); // '{"line_number":2}'
 * loadErrorOfNotice('relation "t" already exists, skipping'); // undefined
 */
export function loadErrorOfNotice(message: string | undefined): string | undefined {
  return message?.startsWith(loadErrorNoticePrefix) ? message.slice(loadErrorNoticePrefix.length) : undefined;
}
