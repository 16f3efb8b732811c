import { describe, expect, it } from 'vitest';
import { splitStatements } from './split-statements';

describe('splitStatements', () => {
  it('splits on top-level semicolons and trims', () => {
    expect(splitStatements('select 1;  select 2 ;\n')).toEqual(['select 1', 'select 2']);
  });

  it('ignores semicolons in strings, comments, quoted identifiers and dollar-quoted bodies', () => {
    const sql = `select ';' as "a;b"; -- c;d
      create procedure p() as $$ begin truncate t; end; $$ language plpgsql; /* x; */ select 3`;
    expect(splitStatements(sql)).toEqual([
      `select ';' as "a;b"`,
      `-- c;d
      create procedure p() as $$ begin truncate t; end; $$ language plpgsql`,
      '/* x; */ select 3',
    ]);
  });

  it('drops statements made of whitespace and comments only', () => {
    expect(splitStatements(';; -- nothing\n; /* nothing */')).toEqual([]);
  });
});
