import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SqlSplitError } from './errors';
import { splitSqlStatements } from './split-sql-statements';

describe('splitSqlStatements', () => {
  it('splits at top-level semicolons and reports start lines', () => {
    expect(splitSqlStatements('select 1;\n\nselect 2;\nselect 3')).toEqual([
      { sql: 'select 1', line: 1 },
      { sql: 'select 2', line: 3 },
      { sql: 'select 3', line: 4 },
    ]);
  });

  it('keeps semicolons inside strings, identifiers, comments and dollar quotes', () => {
    const text = [
      "insert into t values ('a;b', 'it''s; fine', E'\\';x');",
      'select "weird;name" from t; -- trailing; comment',
      '/* block; /* nested; */ still; */ select 2;',
      'create procedure p() as $body$ begin select 1; select $$x;$$; end; $body$ language plpgsql;',
      'create procedure q() as $$ begin null; end; $$ language plpgsql;',
    ].join('\n');
    const statements = splitSqlStatements(text);
    expect(statements.map((statement) => statement.sql)).toEqual([
      "insert into t values ('a;b', 'it''s; fine', E'\\';x')",
      'select "weird;name" from t',
      'select 2',
      'create procedure p() as $body$ begin select 1; select $$x;$$; end; $body$ language plpgsql',
      'create procedure q() as $$ begin null; end; $$ language plpgsql',
    ]);
  });

  it('drops statements that are only comments or whitespace', () => {
    expect(splitSqlStatements('-- header\n;\n/* nothing */;\n  ;select 1; -- end')).toEqual([
      { sql: 'select 1', line: 4 },
    ]);
  });

  it('treats $1 and identifiers with $ as code, not dollar quotes', () => {
    expect(splitSqlStatements('select $1, a$b from t; select 2').map((statement) => statement.sql)).toEqual([
      'select $1, a$b from t',
      'select 2',
    ]);
  });

  it.each([
    ["select 'open", /a string literal/],
    ['select "open', /a quoted identifier/],
    ['select 1; /* open', /a \/\* comment/],
    ['create procedure p() as $$ begin', /dollar quote \$\$/],
  ])('throws SqlSplitError naming file and line for %s', (text, problem) => {
    let caught: unknown;
    try {
      splitSqlStatements(`\n${text}`, 'setup/x.sql');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SqlSplitError);
    expect((caught as SqlSplitError).message).toMatch(/^setup\/x\.sql:2: /);
    expect((caught as SqlSplitError).message).toMatch(problem);
  });

  it('splits the repository setup files into whole statements', () => {
    const directory = new URL('../../../sql/setup/', import.meta.url);
    const counts = Object.fromEntries(
      readdirSync(directory)
        .sort()
        .map((file) => [file, splitSqlStatements(readFileSync(new URL(file, directory), 'utf8'), file)]),
    );
    expect(Object.keys(counts)).toEqual([
      '001_nyc_yellow_taxi.sql',
      '002_nyc_yellow_taxi_volume_analysis.sql',
      '003_elt_run_log.sql',
      '004_run_elt_process.sql',
    ]);
    expect(counts['002_nyc_yellow_taxi_volume_analysis.sql']).toHaveLength(2);
    const procedure = counts['004_run_elt_process.sql'];
    expect(procedure).toHaveLength(1);
    expect(procedure?.[0]?.sql).toMatch(
      /^CREATE OR REPLACE PROCEDURE run_elt_process\(rows_loaded OUT BIGINT, [\s\S]*LANGUAGE plpgsql$/,
    );
  });
});
