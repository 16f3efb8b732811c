/**
 * Options of the load-error lookup, as `NotifierDependencies.loadErrors` takes them.
 *
 * @example
 * ```ts
 * const options: LoadErrorOptions = { maxRows: 3, timeoutMs: 20_000 };
 * ```
 */
export interface LoadErrorOptions {
  /** The most rows put into the message. Defaults to 5. */
  maxRows?: number;
  /** Give up on the lookup after this long (the message then says so). Defaults to 30 000 ms. */
  timeoutMs?: number;
  /** The table read. Defaults to `sys_load_error_detail`; tests point it at a table of their own. */
  table?: string;
}
