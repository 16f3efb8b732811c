import type { TokenRange, TokenRanges } from './token-ranges';

/** What a call rewriter produces: the PostgreSQL text, and the last token index it consumed. */
export interface CallRewrite {
  text: string;
  end: number;
}

/**
 * One call in the token stream, as the expression rewriter hands it to the rewriter of that function
 * family (`rewrite-nvl.ts`, `rewrite-decode.ts`, …). Its arguments are rewritten on demand, one call deeper.
 */
export interface CallSite {
  readonly ranges: TokenRanges;
  /** The function name as written. */
  readonly nameText: string;
  readonly argumentRanges: readonly TokenRange[];
  /** Index of the `)` closing the argument list. */
  readonly close: number;
  /** The call's enclosing range ends before this token index. */
  readonly limit: number;
  /** Rewrites a range at the depth of the call's arguments. */
  rewrite(range: TokenRange, insideCast: boolean, typeAtStart: boolean): string;
  /** The argument rewritten, whitespace at its ends dropped. */
  trimmed(argument: number): string;
  /** The arguments from `first` on, each rewritten and trimmed. */
  trimmedFrom(first: number): string[];
  /** The argument rewritten, as written (whitespace kept). */
  untrimmed(argument: number): string;
  /** Throws NotEmulatedError when `text` is longer than the translation may be. */
  checkLength(text: string): void;
}

/** Rewrites a call of one function family, or returns undefined to keep it as a plain call. */
export type CallRewriter = (call: CallSite) => CallRewrite | undefined;
