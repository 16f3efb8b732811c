/**
 * Tricky SQL scripts and the statements they hold, shared by the two statement splitters that must
 * agree: redshift-local's `splitStatements` (on the dialect's tokenizer) and elt-runner's
 * `splitSqlStatements` (its own scanner, since it ships in a Lambda without redshift-local).
 * `statements` are trimmed, without the comments that come before a statement (elt-runner drops
 * those; redshift-local keeps them, and its test strips them before comparing).
 * Checked by `test/dialect/statement-split-agreement.test.ts` here and by
 * `packages/elt-runner/src/split-sql-statements.agreement.test.ts`.
 */
export interface StatementSplitCase {
  readonly name: string;
  readonly sql: string;
  readonly statements: readonly string[];
}

export const statementSplitCases: readonly StatementSplitCase[] = [
  {
    name: "semicolons and '' escapes in string literals",
    sql: "insert into t values ('a;b', 'it''s; fine');select ';'",
    statements: ["insert into t values ('a;b', 'it''s; fine')", "select ';'"],
  },
  {
    name: "E'' strings with backslash escapes, upper and lower case",
    sql: "select E'\\';x'; select e'\\\\'; select 2",
    statements: ["select E'\\';x'", "select e'\\\\'", 'select 2'],
  },
  {
    // Redshift reads \' in a plain literal as a quote and \\ as a backslash (AWS's stored procedures rely on it).
    name: 'a backslash in a plain string escapes the quote, as Redshift reads it',
    sql: "select 'C:\\'; select 2'; select 'a\\\\'; select 4",
    statements: ["select 'C:\\'; select 2'", "select 'a\\\\'", 'select 4'],
  },
  {
    name: 'a typed literal after a word ending in e is not an E string',
    sql: "select date'2024-01-01'; select time'\\\\'; select 3",
    statements: ["select date'2024-01-01'", "select time'\\\\'", 'select 3'],
  },
  {
    name: 'quoted identifiers with "" escapes',
    sql: 'select "weird;name", "a"";b" from t; select 2',
    statements: ['select "weird;name", "a"";b" from t', 'select 2'],
  },
  {
    name: "U&'' strings",
    sql: "select U&'d\\0061t;a'; select 2",
    statements: ["select U&'d\\0061t;a'", 'select 2'],
  },
  {
    name: 'line comments holding semicolons and quotes',
    sql: "select 1; -- it's; done\nselect 2 -- trailing; comment\n; -- last; one",
    statements: ['select 1', 'select 2 -- trailing; comment'],
  },
  {
    name: 'nested block comments holding semicolons and quotes',
    sql: "/* block; /* nested; ' */ still; */ select 2; select /* ; */ 3",
    statements: ['select 2', 'select /* ; */ 3'],
  },
  {
    name: 'dollar-quoted bodies, tagged ones holding $$ and semicolons',
    sql: [
      'create procedure p() as $body$ begin select 1; select $$x;$$; end; $body$ language plpgsql;',
      'create procedure q() as $$ begin null; end; $$ language plpgsql',
    ].join('\n'),
    statements: [
      'create procedure p() as $body$ begin select 1; select $$x;$$; end; $body$ language plpgsql',
      'create procedure q() as $$ begin null; end; $$ language plpgsql',
    ],
  },
  {
    name: '$1 positional parameters and identifiers holding $',
    sql: 'select $1, a$b, c$$ from t; select 2',
    statements: ['select $1, a$b, c$$ from t', 'select 2'],
  },
  {
    name: ':: casts and :name placeholders',
    sql: "select :a::int, 'x'::text, arr[1:2] from t where b=:b; select :c",
    statements: ["select :a::int, 'x'::text, arr[1:2] from t where b=:b", 'select :c'],
  },
  {
    name: 'empty statements and statements of comments only',
    sql: '-- header\n;\n/* nothing */;\n  ;select 1; -- end',
    statements: ['select 1'],
  },
];
