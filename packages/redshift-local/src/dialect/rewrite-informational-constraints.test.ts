import { describe, expect, it } from 'vitest';
import { translateRedshiftSql } from './translate-redshift-sql';

const squash = (sql: string) => sql.replace(/\s+/g, ' ').replace(/ ,/g, ',').replace(/ \)/g, ')').trim();

describe('informational constraints in CREATE TABLE', () => {
  it('leaves out PRIMARY KEY, UNIQUE and REFERENCES column constraints; a primary key column stays NOT NULL', () => {
    expect(
      squash(
        translateRedshiftSql(
          'create table t (id int primary key, name varchar(10) unique, parent int references p(id))',
        ),
      ),
    ).toBe('create table t (id int NOT NULL, name varchar(10), parent int)');
  });

  it('leaves out PRIMARY KEY, UNIQUE and FOREIGN KEY table constraints, named or not, over tables that need not exist', () => {
    expect(
      squash(
        translateRedshiftSql(
          'create table t (a int, b int not null, c int, constraint t_pk primary key (a, b), unique (c), foreign key (c) references missing (id))',
        ),
      ),
    ).toBe('create table t (a int NOT NULL, b int not null, c int)');
  });

  it('keeps NOT NULL written once and other constraints', () => {
    expect(
      squash(translateRedshiftSql('create table t (a int not null primary key, b int check (b > 0))')),
    ).toBe('create table t (a int not null, b int check (b > 0))');
  });
});
