/**
 * `StatementStore`: the statements the Data API knows (by id and by client token), lookup of a
 * statement or a batch's sub-statement, the active count, long-poll waiting and the retention.
 */
import type { EndedStatement } from './ended-statement';
import { DataApiException } from './errors';
import { type StatementRecord, type SubStatement, terminalStatuses } from './statement-record';

/** Requests allowed to wait (WaitTimeSeconds) at once, as in the service. */
const maxWaiters = 100;

/**
 * The statements of one Data API, oldest first.
 *
 * @example
 * const statements = new StatementStore();
 * statements.add(record);
 * const { record, sub } = statements.find(`${record.id}:1`);
 */
export class StatementStore {
  readonly #statements = new Map<string, StatementRecord>();
  readonly #clientTokens = new Map<string, string>();
  #queryId = 1000;
  #waiting = 0;

  /** Every statement, in submission order. */
  records(): IterableIterator<StatementRecord> {
    return this.#statements.values();
  }

  has(id: string): boolean {
    return this.#statements.has(id);
  }

  get(id: string): StatementRecord | undefined {
    return this.#statements.get(id);
  }

  /** The statement submitted earlier with this ClientToken, if it is still kept. */
  byClientToken(clientToken: string): StatementRecord | undefined {
    return this.#statements.get(this.#clientTokens.get(clientToken) ?? '');
  }

  add(record: StatementRecord): void {
    this.#statements.set(record.id, record);
    if (record.clientToken !== undefined) this.#clientTokens.set(record.clientToken, record.id);
  }

  /** Takes in a statement that ended before a restart (see `EndedStatementStore`); undefined if already known. */
  restore(statement: EndedStatement): StatementRecord | undefined {
    if (this.#statements.has(statement.id)) return undefined;
    const { version: _version, subs, ...fields } = statement;
    const record: StatementRecord = { ...fields, subs: subs.map((sub) => ({ ...sub })), waiters: new Set() };
    for (const sub of record.subs) this.#queryId = Math.max(this.#queryId, sub.redshiftQueryId);
    this.add(record);
    return record;
  }

  /** The next Redshift query id, above every one given or restored. */
  nextQueryId(): number {
    return ++this.#queryId;
  }

  /** Statements that have not ended. */
  activeCount(): number {
    let count = 0;
    for (const record of this.#statements.values()) if (!terminalStatuses.has(record.status)) count++;
    return count;
  }

  /** The statement `id`, or a batch's sub-statement `<id>:<n>`; ResourceNotFoundException if none. */
  find(id: string): { record: StatementRecord; sub?: SubStatement } {
    const [parentId, subIndex] = id.split(':');
    const record = this.#statements.get(parentId ?? '');
    if (record === undefined || (subIndex !== undefined && !record.isBatch)) {
      throw new DataApiException('ResourceNotFoundException', `Query ${id} does not exist.`, {
        ResourceId: id,
      });
    }
    if (subIndex === undefined) return { record };
    const sub = record.subs[Number(subIndex) - 1];
    if (sub === undefined) {
      throw new DataApiException('ResourceNotFoundException', `Query ${id} does not exist.`, {
        ResourceId: id,
      });
    }
    return { record, sub };
  }

  /** Waits until `record` ends or `milliseconds` pass (a long poll); at most 100 wait at once. */
  async waitFor(record: StatementRecord, milliseconds: number): Promise<void> {
    if (terminalStatuses.has(record.status)) return;
    if (this.#waiting >= maxWaiters) {
      throw new DataApiException(
        'ActiveWaitingRequestsExceededException',
        `More than ${maxWaiters} requests are waiting already.`,
      );
    }
    this.#waiting++;
    try {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          record.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, milliseconds);
        record.waiters.add(done);
      });
    } finally {
      this.#waiting--;
    }
  }

  /** Forgets ended statements created more than `retentionMs` before `now`; `forgotten` cleans up after each. */
  sweep(now: number, retentionMs: number, forgotten: (record: StatementRecord) => void): void {
    for (const [id, record] of this.#statements) {
      if (terminalStatuses.has(record.status) && now - record.createdAt > retentionMs) {
        forgotten(record);
        this.#statements.delete(id);
        if (record.clientToken !== undefined) this.#clientTokens.delete(record.clientToken);
      }
    }
  }
}
