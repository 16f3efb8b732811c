/**
 * The `open` message the engine posts to its PGlite worker thread. Self-contained (no imports) so the
 * worker, which loads `.ts` files from `src/` on Node 24, and the engine share one definition.
 */
export interface PgliteOpenMessage {
  type: 'open';
  dataDir: string;
  s3Root: string;
  database: string;
  setupSql: string[];
  searchPath: string;
  /** Custom settings (`shiftflow.*`) a session may set, kept apart per session like the others. */
  customSettings: string[];
  /** Host temp folder (owned by the host) where the worker decompresses gzip objects. */
  gunzipDirectory: string;
}
