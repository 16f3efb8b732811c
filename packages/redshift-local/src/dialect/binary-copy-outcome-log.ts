/**
 * The bounded log of what the binary COPY accelerator did with each object, for enablePgliteGzip's
 * takeBinaryCopyOutcomes. Self-contained (erasable TypeScript, type-only imports) because the PGlite worker imports it
 * from `src/`.
 */
import type { BinaryCopyRefusedError } from '../errors.ts';

/** One object the binary COPY accelerator loaded (`rows`) or declined (`declined`, why). */
export interface BinaryCopyOutcome {
  /** The object's path in PGlite's file system, e.g. `/s3/bucket/key`. */
  file: string;
  /** Rows written to the binary COPY file, when it was made. */
  rows?: number | undefined;
  /** Why the object was declined (the text COPY then loads it). */
  declined?: BinaryCopyRefusedError | undefined;
  /** True when the converter thread converted it ahead (while PGlite loaded the previous object). */
  prefetched: boolean;
}

/** Most outcomes kept between two {@link BinaryCopyOutcomeLog.take} calls (the oldest go first). */
export const maxBinaryCopyOutcomes = 1000;

/** Outcomes recorded since the last take, oldest first. */
export interface BinaryCopyOutcomeLog {
  /** Keeps the outcome, dropping the oldest once more than the limit are kept. */
  record(outcome: BinaryCopyOutcome): void;
  /** The outcomes recorded since the last call, oldest first, and forgets them. */
  take(): BinaryCopyOutcome[];
}

/**
 * Creates an empty log that keeps at most `limit` outcomes.
 *
 * @example
 * const outcomes = createBinaryCopyOutcomeLog();
 * outcomes.record({ file: '/s3/bucket/key', rows: 3, prefetched: false });
 * outcomes.take(); // [{ file: '/s3/bucket/key', rows: 3, prefetched: false }]
 */
export function createBinaryCopyOutcomeLog(limit: number = maxBinaryCopyOutcomes): BinaryCopyOutcomeLog {
  let outcomes: BinaryCopyOutcome[] = [];
  return {
    record(outcome) {
      outcomes.push(outcome);
      if (outcomes.length > limit) outcomes.shift();
    },
    take() {
      const taken = outcomes;
      outcomes = [];
      return taken;
    },
  };
}
