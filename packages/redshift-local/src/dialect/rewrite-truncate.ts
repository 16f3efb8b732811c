/**
 * TRUNCATE as Redshift runs it: it commits the transaction it runs in, so it cannot be rolled back
 * and it commits what ran before it in that transaction — at top level, in a transaction block and
 * inside a stored procedure, where the statements after it run in a new transaction
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-transaction-management.html).
 * PostgreSQL's TRUNCATE is transactional: at top level the engine commits after it (see
 * `EngineStatement.commits`); in a procedure or DO body it is followed by a COMMIT here. As on Redshift,
 * that COMMIT fails when the procedure was called inside a transaction block ("invalid transaction
 * termination"; Redshift: a procedure called from a transaction block cannot issue TRUNCATE).
 * A body with an EXCEPTION section is left transactional: PostgreSQL runs such a block as a
 * subtransaction, inside which it cannot commit ("cannot commit while a subtransaction is active"),
 * whereas Redshift has no subtransactions (https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-trapping-errors.html).
 */

import { splitTokens } from './split-statements';
import { isTrivia, type Token, tokenize } from './tokenize';

function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((token) => !isTrivia(token));
}

/**
 * Whether `sql` is exactly one TRUNCATE statement (the engine then commits after it when a transaction
 * block is open). SQL the tokenizer cannot read is not one.
 *
 * @example
 * isTruncateStatement('truncate table staging;'); // true
 * isTruncateStatement('truncate a; select 1'); // false
 */
export function isTruncateStatement(sql: string): boolean {
  let statements: Token[][];
  try {
    statements = splitTokens(tokenize(sql)).filter((tokens) => significant(tokens).length > 0);
  } catch {
    // Unterminated strings or comments: the dialect reports them when it translates the statement.
    return false;
  }
  const first = statements.length === 1 ? significant(statements[0]!)[0] : undefined;
  return first?.type === 'word' && first.value === 'truncate';
}

/**
 * A TRUNCATE inside a procedure or DO body `body`, followed by a COMMIT (which starts a new
 * transaction in plpgsql as Redshift's implicit commit does), unless the body has an EXCEPTION
 * section. Trailing whitespace and comments stay after it.
 *
 * @example
 * rewriteTruncateInBody(tokenize('TRUNCATE staging\n'), 'begin TRUNCATE staging\n; end'); // 'TRUNCATE staging; COMMIT\n'
 */
export function rewriteTruncateInBody(tokens: readonly Token[], body: string): string {
  const bodyTokens = tokenize(body);
  const hasException = bodyTokens.some((token) => token.type === 'word' && token.value === 'exception');
  if (hasException || followedByCommit(tokens, bodyTokens)) return tokens.map((token) => token.text).join('');
  let end = tokens.length;
  while (end > 0 && isTrivia(tokens[end - 1]!)) end--;
  const text = (from: number, to: number) =>
    tokens
      .slice(from, to)
      .map((token) => token.text)
      .join('');
  return `${text(0, end)}; COMMIT${text(end, tokens.length)}`;
}

/** Whether the body already commits right after this statement (a translation translated again). */
function followedByCommit(tokens: readonly Token[], bodyTokens: readonly Token[]): boolean {
  const last = tokens.at(-1);
  if (last === undefined) return false;
  const after = significant(bodyTokens.filter((token) => token.start >= last.start + last.text.length));
  return after[0]?.text === ';' && after[1]?.type === 'word' && after[1].value === 'commit';
}
