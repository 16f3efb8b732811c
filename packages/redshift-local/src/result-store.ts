/**
 * `ResultStore`: the results the Data API keeps for GetStatementResult, under one memory bound
 * (the oldest results are dropped beyond it), and how they are cut into pages.
 */
import { pageToken } from './paged-list';
import type { StatementRecord, StoredResult, SubStatement } from './statement-record';

/** Bounds of kept results and of their pages. */
export interface ResultStoreOptions {
  /** Memory bound for kept results. Defaults to 512 MiB. */
  maxStoredResultBytes?: number | undefined;
  /** Maximum rows per result page. Defaults to no row cap. */
  resultPageRows?: number | undefined;
  /** Approximate size of a result page in bytes of JSON. Defaults to 1 MiB. */
  resultPageBytes?: number | undefined;
}

/**
 * Keeps results on their sub-statements and counts their bytes.
 *
 * @example
 * const results = new ResultStore({ maxStoredResultBytes: 64 * 1024 * 1024 });
 * results.keep(sub, { fields, rows, bytes }, statements.records());
 * const { rows, nextToken } = results.page(sub.id, sub.result, 0);
 */
export class ResultStore {
  readonly #options: ResultStoreOptions;
  #storedBytes = 0;

  constructor(options: ResultStoreOptions) {
    this.#options = options;
  }

  /**
   * Keeps `result` on `sub`; beyond the memory bound, drops other results, oldest statement first.
   */
  keep(sub: SubStatement, result: StoredResult, records: Iterable<StatementRecord>): void {
    const limit = this.#options.maxStoredResultBytes ?? 512 * 1024 * 1024;
    sub.result = result;
    this.#storedBytes += result.bytes;
    if (this.#storedBytes <= limit) return;
    for (const record of records) {
      for (const other of record.subs) {
        if (this.#storedBytes <= limit) return;
        if (other !== sub) this.drop(other);
      }
    }
  }

  /** Counts the result a restored sub-statement brought with it. */
  restored(sub: SubStatement): void {
    if (sub.result !== undefined) this.#storedBytes += sub.result.bytes;
  }

  /** Drops the result of `sub` (it then reads as expired). */
  drop(sub: SubStatement): void {
    if (sub.result === undefined) return;
    this.#storedBytes -= sub.result.bytes;
    sub.result = undefined;
    sub.resultDropped = true;
  }

  /** The page of `result` that starts at `offset`, and the token of the next one if rows remain. */
  page(id: string, result: StoredResult, offset: number): { rows: (string | null)[][]; nextToken?: string } {
    const maxRows = this.#options.resultPageRows ?? Number.POSITIVE_INFINITY;
    const maxBytes = this.#options.resultPageBytes ?? 1024 * 1024;
    let end = offset;
    let bytes = 0;
    // At least one row per page; then rows until the row cap or the estimated JSON size is reached.
    while (end < result.rows.length && end - offset < maxRows && (end === offset || bytes < maxBytes)) {
      for (const value of result.rows[end]!) bytes += (value?.length ?? 0) + 20;
      end++;
    }
    const rows = result.rows.slice(offset, end);
    return end < result.rows.length ? { rows, nextToken: pageToken(id, end) } : { rows };
  }
}
