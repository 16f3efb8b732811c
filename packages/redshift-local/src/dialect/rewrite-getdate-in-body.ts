/**
 * GETDATE() inside a procedure or function body reads the clock of the statement it is in. Redshift
 * documents GETDATE as "the start date or time of the current statement, even when it is within a
 * transaction block" (https://docs.aws.amazon.com/redshift/latest/dg/r_GETDATE.html), and the SQL
 * statements of a stored procedure run as statements of their own, so `started_at := GETDATE()` at the
 * top of a procedure and `ended_at := GETDATE()` at its end differ by the time between them. PostgreSQL's
 * `statement_timestamp()` stays the CALL's start for the whole body, so in bodies GETDATE becomes
 * `shiftflow_compat.getdate_in_body()`: the clock when the expression is evaluated, to the second as
 * GETDATE is. Outside bodies GETDATE keeps the statement's start.
 */
import { compatibilitySchema } from './compatibility-sql';
import { TokenList } from './token-list';
import { tokenize } from './tokenize';

/**
 * The body with each `GETDATE()` call (not a qualified name) calling the per-statement clock.
 *
 * @example
 * rewriteGetdateInBody('begin ended_at := getdate(); end');
 * // 'begin ended_at := shiftflow_compat.getdate_in_body(); end'
 */
export function rewriteGetdateInBody(body: string): string {
  if (!/getdate/i.test(body)) return body;
  const list = new TokenList(tokenize(body), body);
  let output = '';
  for (let index = 0; index < list.tokens.length; index++) {
    const token = list.tokens[index]!;
    const open = list.nextSignificant(index + 1);
    const isCall =
      list.isWord(index, 'getdate') &&
      !list.isPunctuation(list.previousSignificant(index), '.') &&
      list.isPunctuation(open, '(') &&
      list.isPunctuation(list.nextSignificant(open + 1), ')');
    output += isCall ? `${compatibilitySchema}.getdate_in_body` : token.text;
  }
  return output;
}
