/** The shapes the per-type decoders share (kept apart so the decoders do not import each other back). */

/** Throws a `DecodingError` for the column being decoded: the bad value, why, and the cause. */
export type DecodingFailure = (value: unknown, reason: string, cause?: unknown) => never;

/** Decodes one value from its text form (CSV results, and `stringValue` Fields). */
export type TextDecoder = (text: string) => unknown;
