import { NotEmulatedError } from './errors';
import { TokenList } from './token-list';
import { isTrivia, type Token, tokenize } from './tokenize';

const argumentModes = new Set(['in', 'out', 'inout']);

/** Index in `argument` of its mode word (`IN`, `OUT`, `INOUT`) before or after its name, or -1. */
function modeIndex(argument: readonly Token[]): number {
  const significant = argument.flatMap((token, index) => (isTrivia(token) ? [] : [index]));
  for (const position of significant.slice(0, 2)) {
    const token = argument[position]!;
    if (token.type === 'word' && argumentModes.has(token.value)) return position;
  }
  return -1;
}

/**
 * Makes a Redshift procedure with OUT arguments callable the Redshift way on PostgreSQL: each OUT
 * argument becomes `INOUT … DEFAULT NULL`. Redshift's CALL passes only the input arguments and returns
 * the output arguments as a result set of one row
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CALL_procedure.html); PostgreSQL's CALL needs a
 * value for every OUT argument, but fills trailing INOUT arguments from their defaults and returns them
 * as one row too, so `CALL p(inputs)` works and answers the same on both. Statements that are not
 * `CREATE [OR REPLACE] PROCEDURE` with an OUT argument come back unchanged (the same array).
 *
 * @throws NotEmulatedError when an OUT argument comes before an input argument: the defaults that make
 * the OUT arguments optional in PostgreSQL must all come last.
 * @example
 * ```ts
 * const sql = 'create procedure p(a int, n out bigint) as $$ begin n := a; end; $$ language plpgsql';
 * rewriteProcedureOutArguments(tokenize(sql), sql).map((token) => token.text).join('');
 * // 'create procedure p(a int, n INOUT bigint DEFAULT NULL) as $$ begin n := a; end; $$ language plpgsql'
 * ```
 */
export function rewriteProcedureOutArguments(tokens: readonly Token[], sql: string): readonly Token[] {
  const list = new TokenList(tokens, sql);
  let index = list.nextSignificant(0);
  if (!list.isWord(index, 'create')) return tokens;
  index = list.nextSignificant(index + 1);
  if (list.isWord(index, 'or')) index = list.nextSignificant(list.nextSignificant(index + 1) + 1);
  if (!list.isWord(index, 'procedure')) return tokens;
  const open = tokens.findIndex(
    (token, position) => position > index && token.type === 'punctuation' && token.text === '(',
  );
  if (open < 0) return tokens;
  const close = list.matchParenthesis(open);
  const argumentsList = list.splitArguments(open, close);
  const modes = argumentsList.map((argument) => {
    const position = modeIndex(argument);
    return position < 0 ? 'in' : argument[position]!.value;
  });
  const firstOut = modes.indexOf('out');
  if (firstOut < 0) return tokens;
  if (modes.slice(firstOut).some((mode) => mode !== 'out')) {
    throw new NotEmulatedError('a procedure with an OUT argument before an input argument', sql);
  }
  const rewritten = argumentsList.map((argument, argumentIndex) => {
    const text = argument.map((token) => token.text);
    if (modes[argumentIndex] !== 'out') return text.join('');
    text[modeIndex(argument)] = 'INOUT';
    let last = argument.length - 1;
    while (last > 0 && isTrivia(argument[last]!)) last--;
    text[last] = `${text[last]} DEFAULT NULL`;
    return text.join('');
  });
  const output = `${list.text(0, open + 1)}${rewritten.join(',')}${list.text(close, tokens.length)}`;
  return tokenize(output);
}
