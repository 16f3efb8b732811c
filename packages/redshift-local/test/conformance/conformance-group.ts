/**
 * The shape of the conformance corpus: statements from the Redshift developer guide's SQL reference pages with
 * the results those pages document, grouped by page.
 */

/**
 * One statement and what Redshift gives for it: `rows` (each value as Redshift prints it; `null` or 'NULL' for a
 * null), or `error`, a fragment of the error message when Redshift refuses the statement too. A statement run
 * only for its effect (CREATE, INSERT, …) has `rows: []` when it returns nothing. A bare `[sql, rows]` pair is
 * the common case.
 */
export type ConformanceCase =
  | readonly [sql: string, rows: readonly (readonly (string | null)[])[]]
  | {
      readonly sql: string;
      readonly rows?: readonly (readonly (string | null)[])[];
      readonly error?: string;
      readonly ordered?: boolean;
    };

/** The statements of one SQL reference page, run in order after `setup`, in a schema of their own. */
export interface ConformanceGroup {
  /** The page's file name in the developer guide, e.g. `r_DATEADD_function`. */
  readonly page: string;
  /** Statements that create the tables the examples use, from the same page (or the sample table it names). */
  readonly setup?: readonly string[];
  readonly cases: readonly ConformanceCase[];
}

/** The public address of a developer guide page. */
export function pageUrl(page: string): string {
  return `https://docs.aws.amazon.com/redshift/latest/dg/${page}.html`;
}
