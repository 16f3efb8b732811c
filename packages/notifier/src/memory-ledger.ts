import { randomUUID } from 'node:crypto';
import {
  assertStatementId,
  epochSeconds,
  type Ledger,
  type LedgerClaim,
  type LedgerTimings,
  resolveLedgerTimings,
} from './ledger';
import { byStartTime, type StartedRunRecord, type StartedRunRegister } from './started-run-register';

type ClaimedLedgerClaim = Extract<LedgerClaim, { status: 'claimed' }>;

interface MemoryRecord {
  state: 'claimed' | 'announced';
  token: string;
  leaseExpiresAt: number;
  expiresAt: number;
  announcedAt?: number;
}

/**
 * A {@link Ledger} in process memory, for tests and one-process local runs: it forgets
 * everything when the process ends, so prefer {@link FileLedger} locally.
 *
 * @example
 * ```ts
 * const ledger = new MemoryLedger();
 * const claim = await ledger.claim('d9b6c0c9-0747-4bf4-b142-e8883122f766');
 * ```
 */
export class MemoryLedger implements Ledger, StartedRunRegister {
  readonly #records = new Map<string, MemoryRecord>();
  readonly #started = new Map<string, StartedRunRecord & { expiresAt: number }>();
  readonly #timings: Required<LedgerTimings>;

  constructor(options: LedgerTimings = {}) {
    this.#timings = resolveLedgerTimings(options);
  }

  async claim(statementId: string): Promise<LedgerClaim> {
    assertStatementId(statementId);
    const now = epochSeconds(this.#timings.now());
    const existing = this.#records.get(statementId);
    if (existing && existing.expiresAt >= now) {
      if (existing.state === 'announced') {
        return existing.announcedAt === undefined
          ? { status: 'announced', statementId }
          : { status: 'announced', statementId, announcedAt: new Date(existing.announcedAt * 1000) };
      }
      if (existing.leaseExpiresAt >= now) {
        return {
          status: 'in-progress',
          statementId,
          leaseExpiresAt: new Date(existing.leaseExpiresAt * 1000),
        };
      }
    }
    const token = randomUUID();
    const leaseExpiresAt = now + this.#timings.leaseSeconds;
    this.#records.set(statementId, {
      state: 'claimed',
      token,
      leaseExpiresAt,
      expiresAt: now + this.#timings.retentionSeconds,
    });
    return { status: 'claimed', statementId, token, leaseExpiresAt: new Date(leaseExpiresAt * 1000) };
  }

  async confirm(claim: ClaimedLedgerClaim): Promise<boolean> {
    const existing = this.#records.get(claim.statementId);
    if (existing?.token !== claim.token) return false;
    const now = epochSeconds(this.#timings.now());
    this.#records.set(claim.statementId, {
      state: 'announced',
      token: claim.token,
      leaseExpiresAt: now,
      announcedAt: now,
      expiresAt: now + this.#timings.retentionSeconds,
    });
    return true;
  }

  async release(claim: ClaimedLedgerClaim): Promise<boolean> {
    const existing = this.#records.get(claim.statementId);
    if (existing?.token !== claim.token || existing.state !== 'claimed') return false;
    this.#records.delete(claim.statementId);
    return true;
  }

  async recordStarted(run: StartedRunRecord): Promise<void> {
    assertStatementId(run.statementId);
    const expiresAt = epochSeconds(this.#timings.now()) + this.#timings.retentionSeconds;
    this.#started.set(run.statementId, { ...run, expiresAt });
  }

  async listStarted(): Promise<StartedRunRecord[]> {
    const now = epochSeconds(this.#timings.now());
    return [...this.#started.values()]
      .filter((run) => run.expiresAt >= now)
      .map(({ statementId, statementName, startedAt }) => ({ statementId, statementName, startedAt }))
      .sort(byStartTime);
  }

  async forgetStarted(statementId: string): Promise<void> {
    this.#started.delete(statementId);
  }
}
