/**
 * Whether a value the engine returned (as PostgreSQL's text output) is the value the Redshift documentation
 * prints. Only presentation differs, never the value: a null prints as 'NULL' or nothing, booleans as
 * `true`/`false` or `t`/`f`, VARBYTE as hex without PostgreSQL's `\x`, and floating-point numbers with
 * 15 significant digits (Redshift's output) against PostgreSQL's shortest exact form. A number that differs in
 * its value (16 against 16.6667) never matches.
 */
export function sameValue(actual: string | null, expected: string | null): boolean {
  if (actual === null) return expected === null || expected === '' || expected.toUpperCase() === 'NULL';
  if (expected === null) return false;
  const shown = actual.trim();
  const documented = expected.trim();
  if (shown === documented) return true;
  const booleans: Record<string, string> = { t: 'true', f: 'false' };
  if (booleans[shown] !== undefined && booleans[shown] === documented.toLowerCase()) return true;
  if (shown.startsWith('\\x') && shown.slice(2).toLowerCase() === documented.toLowerCase()) return true;
  const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  if (number.test(shown) && number.test(documented)) {
    const a = Number(shown);
    const b = Number(documented);
    if (a === b) return true;
    // Redshift prints doubles with 15 significant digits.
    return Number(a.toPrecision(15)) === Number(b.toPrecision(15));
  }
  return false;
}
