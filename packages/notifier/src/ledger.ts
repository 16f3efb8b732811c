import { InvalidStatementIdError, NotifierConfigurationError } from './errors';

/**
 * The answer of {@link Ledger.claim}.
 *
 * - `claimed`: this caller is the first to announce the statement and holds the claim until
 *   `leaseExpiresAt`; it must call `confirm` after publishing or `release` when publishing fails.
 * - `announced`: the statement was announced already; do nothing.
 * - `in-progress`: another caller holds an unexpired claim; do nothing (if that caller dies, the
 *   claim expires and a retry or the reconciler takes it over).
 *
 * @example
 * ```ts
 * const claim: LedgerClaim = await ledger.claim(statementId);
 * if (claim.status === 'claimed') await ledger.confirm(claim);
 * ```
 */
export type LedgerClaim =
  | { status: 'claimed'; statementId: string; token: string; leaseExpiresAt: Date }
  | { status: 'announced'; statementId: string; announcedAt?: Date }
  | { status: 'in-progress'; statementId: string; leaseExpiresAt: Date };

/**
 * Remembers which statements were announced so each one is announced exactly once.
 *
 * A claim is a lease: `claim` records "being announced" until the lease expires, `confirm` turns
 * it into "announced" (kept until the retention expiry), `release` forgets it. A crash between
 * claim and confirm therefore delays the announcement by at most one lease, it never loses it.
 *
 * @example
 * ```ts
 * const claim = await ledger.claim(statementId);
 * if (claim.status === 'claimed') {
 *   try {
 *     await publish();
 *   } catch (error) {
 *     await ledger.release(claim);
 *     throw error;
 *   }
 *   await ledger.confirm(claim);
 * }
 * ```
 */
export interface Ledger {
  /** Claims the right to announce `statementId`. */
  claim(statementId: string): Promise<LedgerClaim>;
  /** Records that the claimed statement was announced; false if the claim had been taken over meanwhile. */
  confirm(claim: Extract<LedgerClaim, { status: 'claimed' }>): Promise<boolean>;
  /** Gives a claim up so the next attempt can announce the statement; false if it was no longer held. */
  release(claim: Extract<LedgerClaim, { status: 'claimed' }>): Promise<boolean>;
}

/**
 * Timing settings shared by the ledger implementations.
 *
 * @example
 * ```ts
 * const options: LedgerTimings = { leaseSeconds: 300, retentionSeconds: 14 * 86_400 };
 * ```
 */
export interface LedgerTimings {
  /** How long a claim blocks other announcers. Defaults to 300 seconds (longer than the handler's timeout). */
  leaseSeconds?: number;
  /** How long an announcement is remembered. Defaults to 7 days (the Data API keeps statements 24 hours). */
  retentionSeconds?: number;
  /** The clock. Defaults to `() => new Date()`. */
  now?: () => Date;
}

/**
 * Default lease of a claim, in seconds.
 *
 * @example
 * ```ts
 * new MemoryLedger({ leaseSeconds: DEFAULT_LEASE_SECONDS * 2 });
 * ```
 */
export const DEFAULT_LEASE_SECONDS = 300;
/**
 * Default retention of an announcement, in seconds.
 *
 * @example
 * ```ts
 * new FileLedger({ directory: '.shiftflow/ledger', retentionSeconds: DEFAULT_RETENTION_SECONDS });
 * ```
 */
export const DEFAULT_RETENTION_SECONDS = 7 * 86_400;

const STATEMENT_ID_PATTERN = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d{1,2})?$/;

/**
 * Throws {@link InvalidStatementIdError} unless `statementId` is shaped like a Data API id.
 *
 * @example
 * ```ts
 * assertStatementId('d9b6c0c9-0747-4bf4-b142-e8883122f766'); // ok
 * ```
 */
export function assertStatementId(statementId: string): void {
  if (!STATEMENT_ID_PATTERN.test(statementId)) throw new InvalidStatementIdError(statementId);
}

/**
 * Fills in and validates {@link LedgerTimings}.
 *
 * @example
 * ```ts
 * const { leaseSeconds } = resolveLedgerTimings({}); // 300
 * ```
 */
export function resolveLedgerTimings(timings: LedgerTimings): Required<LedgerTimings> {
  const leaseSeconds = timings.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const retentionSeconds = timings.retentionSeconds ?? DEFAULT_RETENTION_SECONDS;
  for (const [setting, value] of [
    ['leaseSeconds', leaseSeconds],
    ['retentionSeconds', retentionSeconds],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new NotifierConfigurationError(setting, value, 'must be a positive whole number of seconds');
    }
  }
  return { leaseSeconds, retentionSeconds, now: timings.now ?? (() => new Date()) };
}

/**
 * Whole seconds since the epoch, the unit DynamoDB TTL and the ledger records use.
 *
 * @example
 * ```ts
 * epochSeconds(new Date('2026-01-01T00:00:00.900Z')); // 1767225600
 * ```
 */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
