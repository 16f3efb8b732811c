/**
 * Runs the conformance corpus on one engine and sorts every statement into passed, refused (a
 * NotEmulatedError or an engine error saying the construct is not emulated), wrong (a result other than the
 * documented one: the kind of difference the corpus exists to catch) and failed (any other error).
 */
import { NotEmulatedError, translateRedshiftSql } from '../../src/dialect/index';
import { type ConformanceCase, type ConformanceGroup, pageUrl } from './conformance-group';
import { sameValue } from './same-value';

/** An engine the corpus runs on: statements in, rows of PostgreSQL text values out. */
export interface ConformanceEngine {
  readonly name: string;
  /** Runs one translated statement and returns its rows as text (null for NULL). */
  rows(sql: string): Promise<(string | null)[][]>;
}

export interface ConformanceOutcome {
  readonly page: string;
  readonly sql: string;
  readonly outcome: 'passed' | 'refused' | 'wrong' | 'failed';
  readonly detail: string;
}

type Rows = readonly (readonly (string | null)[])[];

function normalize(item: ConformanceCase): {
  sql: string;
  rows?: Rows | undefined;
  error?: string | undefined;
  ordered: boolean;
} {
  if (Array.isArray(item)) return { sql: item[0], rows: item[1], ordered: false };
  const { sql, rows, error, ordered } = item as Exclude<ConformanceCase, readonly unknown[]>;
  return { sql, rows, error, ordered: ordered ?? false };
}

function sameRows(actual: (string | null)[][], expected: Rows, ordered: boolean): boolean {
  if (actual.length !== expected.length) return false;
  const key = (row: readonly (string | null)[]) => JSON.stringify(row);
  const remaining = ordered ? expected : [...expected].sort((a, b) => key(a).localeCompare(key(b)));
  const candidates = ordered ? actual : [...actual];
  if (ordered) {
    return candidates.every((row, index) => sameRow(row, remaining[index]!));
  }
  // Unordered: every documented row matches a distinct returned row (documentation often omits ORDER BY).
  const unused = [...candidates];
  for (const row of remaining) {
    const match = unused.findIndex((candidate) => sameRow(candidate, row));
    if (match < 0) return false;
    unused.splice(match, 1);
  }
  return true;
}

function sameRow(actual: readonly (string | null)[], expected: readonly (string | null)[]): boolean {
  return (
    actual.length === expected.length && actual.every((value, index) => sameValue(value, expected[index]!))
  );
}

function isRefusal(error: unknown): boolean {
  if (error instanceof NotEmulatedError) return true;
  return error instanceof Error && /is not emulated/.test(error.message);
}

/** Runs every group in a schema of its own (so that pages may reuse table names) and returns each statement's outcome. */
export async function runConformance(
  engine: ConformanceEngine,
  groups: readonly ConformanceGroup[],
): Promise<ConformanceOutcome[]> {
  const outcomes: ConformanceOutcome[] = [];
  for (const [index, group] of groups.entries()) {
    const schema = `conformance_${index}`;
    await engine.rows(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await engine.rows(`CREATE SCHEMA ${schema}`);
    await engine.rows(`SET search_path TO ${schema}, public, shiftflow_compat, pg_catalog`);
    for (const statement of group.setup ?? []) await engine.rows(translateRedshiftSql(statement));
    for (const item of group.cases) {
      const { sql, rows, error, ordered } = normalize(item);
      const record = (outcome: ConformanceOutcome['outcome'], detail: string) =>
        outcomes.push({ page: pageUrl(group.page), sql, outcome, detail });
      let actual: (string | null)[][];
      try {
        actual = await engine.rows(translateRedshiftSql(sql));
      } catch (caught) {
        const message = caught instanceof Error ? caught.message : String(caught);
        if (error !== undefined && message.includes(error)) record('passed', message);
        else if (isRefusal(caught)) record('refused', message);
        else record('failed', message);
        continue;
      }
      if (error !== undefined)
        record('wrong', `expected an error containing "${error}", got ${JSON.stringify(actual)}`);
      else if (sameRows(actual, rows ?? [], ordered)) record('passed', '');
      else record('wrong', `expected ${JSON.stringify(rows)}, got ${JSON.stringify(actual)}`);
    }
  }
  await engine.rows('SET search_path TO public, shiftflow_compat, pg_catalog');
  return outcomes;
}
