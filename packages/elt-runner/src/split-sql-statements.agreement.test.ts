import { describe, expect, it } from 'vitest';
import { statementSplitCases } from '../../redshift-local/test/dialect/statement-split-cases';
import { splitSqlStatements } from './split-sql-statements';

// The table lives beside redshift-local's splitter, which checks it too: both splitters must split
// these scripts the same way (see the comment at the top of split-sql-statements.ts).
describe('splitSqlStatements agrees with the shared table of tricky scripts (redshift-local checks the same table)', () => {
  it.each(statementSplitCases.map((splitCase) => [splitCase.name, splitCase] as const))(
    '%s',
    (_, splitCase) => {
      expect(splitSqlStatements(splitCase.sql).map((statement) => statement.sql)).toEqual(
        splitCase.statements,
      );
    },
  );
});
