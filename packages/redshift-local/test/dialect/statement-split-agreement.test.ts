import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/dialect/split-statements';
import { isTrivia, tokenize } from '../../src/dialect/tokenize';
import { statementSplitCases } from './statement-split-cases';

/** A statement without the comments and whitespace before it, as elt-runner's splitter returns it. */
function withoutLeadingComments(statement: string): string {
  const tokens = tokenize(statement);
  const first = tokens.findIndex((token) => !isTrivia(token));
  return tokens
    .slice(first)
    .map((token) => token.text)
    .join('')
    .trim();
}

describe('splitStatements agrees with the shared table of tricky scripts (elt-runner checks the same table)', () => {
  it.each(statementSplitCases.map((splitCase) => [splitCase.name, splitCase] as const))(
    '%s',
    (_, splitCase) => {
      expect(splitStatements(splitCase.sql).map(withoutLeadingComments)).toEqual(splitCase.statements);
    },
  );
});
