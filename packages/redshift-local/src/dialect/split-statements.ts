import { isTrivia, type Token, tokenize } from './tokenize';

/**
 * Splits SQL text into its statements on top-level `;`, ignoring semicolons inside strings, comments,
 * quoted identifiers and dollar-quoted bodies. Statements that hold only whitespace or comments are dropped.
 *
 * @throws RedshiftSyntaxError when a string, comment or dollar-quoted body is not terminated.
 * @example
 * ```ts
 * splitStatements("select ';'; create procedure p() as $$ begin null; end $$ language plpgsql;");
 * // ["select ';'", 'create procedure p() as $$ begin null; end $$ language plpgsql']
 * ```
 */
export function splitStatements(sql: string): string[] {
  return splitTokens(tokenize(sql))
    .filter((statement) => statement.some((token) => !isTrivia(token)))
    .map((statement) =>
      statement
        .map((token) => token.text)
        .join('')
        .trim(),
    );
}

/** Groups tokens into statements at each `;` token; the `;` tokens themselves are left out. */
export function splitTokens(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.type === 'punctuation' && token.text === ';') statements.push([]);
    else statements.at(-1)!.push(token);
  }
  return statements;
}
