import type { Ledger } from './ledger';

/**
 * A run the runner started: its statement, as the runner reported it (the runner's Lambda
 * on-success destination record, or the local app's equivalent).
 *
 * @example
 * ```ts
 * const run: StartedRunRecord = { statementId, statementName: 'nyc-taxi/2026-11-30T16:00:00.000Z', startedAt: new Date() };
 * ```
 */
export interface StartedRunRecord {
  /** The Data API statement id. */
  statementId: string;
  /** The run id: the statement name `<pipeline>/<scheduled time>` or `<pipeline>/manual/<time>`. */
  statementName: string;
  /** When the runner submitted it (or, for a record without a time, when it was recorded). */
  startedAt: Date;
}

/**
 * The runs the reconciler must see to their announcement. The runner's statements belong to the
 * writer role, and ListStatements lists the caller role's statements only (`RoleLevel`,
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListStatements.html), so the
 * reconciler, which runs as a role of its own, cannot list them: it reads this register instead
 * and describes each statement (DescribeStatement, allowed on the writer's statements by the
 * `redshift-data:statement-owner-iam-userid` condition).
 *
 * A record is kept until the reconciler has seen the statement announced (or until the ledger's
 * retention, when nobody ever sweeps).
 *
 * @example
 * ```ts
 * await ledger.recordStarted({ statementId, statementName, startedAt: new Date() });
 * for (const run of await ledger.listStarted()) console.log(run.statementName);
 * ```
 */
export interface StartedRunRegister {
  /** Remembers a started run; recording the same statement again is harmless. */
  recordStarted(run: StartedRunRecord): Promise<void>;
  /** The started runs not yet forgotten, oldest first. */
  listStarted(): Promise<StartedRunRecord[]>;
  /** Forgets a started run (it was announced, or it is too old to describe); absent is fine. */
  forgetStarted(statementId: string): Promise<void>;
}

/**
 * Whether `ledger` also keeps the started runs (the three ledgers of this package do).
 *
 * @example
 * ```ts
 * if (!isStartedRunRegister(dependencies.ledger)) throw new Error('this ledger cannot reconcile');
 * ```
 */
export function isStartedRunRegister(ledger: Ledger): ledger is Ledger & StartedRunRegister {
  const candidate = ledger as Ledger & Partial<StartedRunRegister>;
  return (
    typeof candidate.recordStarted === 'function' &&
    typeof candidate.listStarted === 'function' &&
    typeof candidate.forgetStarted === 'function'
  );
}

/** Oldest first, then by id, so a sweep that stops at its limit leaves the newest for the next. */
export function byStartTime(a: StartedRunRecord, b: StartedRunRecord): number {
  return a.startedAt.getTime() - b.startedAt.getTime() || a.statementId.localeCompare(b.statementId);
}
