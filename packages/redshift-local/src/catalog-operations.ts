/**
 * `CatalogOperations`: ListDatabases, ListSchemas, ListTables and DescribeTable, answered from the
 * engine's PostgreSQL catalog (`pg_namespace`, `pg_class`, `pg_attribute`) in Redshift's shapes.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from './engine';
import { DataApiException } from './errors';
import { type ColumnMetadata, columnMetadata, redshiftTypeName } from './field-value';
import { pagedList } from './paged-list';
import { optionalString, requiredString, type WireInput, type WireOutput } from './read-wire-input';

/**
 * The catalog of the one database a local engine has.
 *
 * @example
 * const catalog = new CatalogOperations(engine, 'dev');
 * const { Schemas } = await catalog.listSchemas({ Database: 'dev', WorkgroupName: 'local' });
 */
export class CatalogOperations {
  readonly #engine: Engine;
  readonly #database: string;

  constructor(engine: Engine, database: string) {
    this.#engine = engine;
    this.#database = database;
  }

  async listDatabases(input: WireInput): Promise<WireOutput> {
    this.#connectionCheck(input);
    const { page, nextToken } = pagedList([this.#database], input, 'ListDatabases', 1000);
    return { Databases: page, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
  }

  async listSchemas(input: WireInput): Promise<WireOutput> {
    this.#connectionCheck(input);
    const pattern = optionalString(input, 'SchemaPattern') ?? '%';
    const rows = await this.#catalog(
      `select nspname from pg_namespace where nspname like $1 and nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp\\_%' order by 1`,
      [pattern],
    );
    const { page, nextToken } = pagedList(
      rows.map((row) => row[0] ?? ''),
      input,
      'ListSchemas',
      1000,
    );
    return { Schemas: page, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
  }

  async listTables(input: WireInput): Promise<WireOutput> {
    this.#connectionCheck(input);
    const rows = await this.#catalog(
      `select c.relname, case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' else 'TABLE' end, n.nspname
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'f') and n.nspname like $1 and c.relname like $2
          and n.nspname not like 'pg\\_toast%'
        order by 3, 1`,
      [optionalString(input, 'SchemaPattern') ?? '%', optionalString(input, 'TablePattern') ?? '%'],
    );
    const tables = rows.map(([name, type, schema]) => ({ name, type, schema }));
    const { page, nextToken } = pagedList(tables, input, 'ListTables', 1000);
    return { Tables: page, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
  }

  async describeTable(input: WireInput): Promise<WireOutput> {
    this.#connectionCheck(input);
    const schema = optionalString(input, 'Schema') ?? 'public';
    const table = optionalString(input, 'Table');
    if (table === undefined) return { ColumnList: [] };
    const rows = await this.#catalog(
      `select a.attname, a.atttypid::int, a.atttypmod, (not a.attnotnull)::int, pg_get_expr(d.adbin, d.adrelid)
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
      [schema, table],
    );
    const columns = rows.map((row) => tableColumn(row, table, schema));
    const { page, nextToken } = pagedList(columns, input, `DescribeTable:${schema}.${table}`, 1000);
    return {
      TableName: table,
      ColumnList: page,
      ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
    };
  }

  /** Checks that Database (and ConnectedDatabase) name the engine's database. */
  #connectionCheck(input: WireInput): string {
    const database = requiredString(input, 'Database');
    const connected = optionalString(input, 'ConnectedDatabase');
    for (const name of [database, connected]) {
      if (name !== undefined && name !== this.#database) {
        throw new DataApiException(
          'ValidationException',
          `Database ${JSON.stringify(name)} does not exist; the local engine has ${JSON.stringify(this.#database)}.`,
        );
      }
    }
    return database;
  }

  async #catalog(sql: string, values: string[]): Promise<(string | null)[][]> {
    const [outcome] = await this.#engine.run({
      executionId: `catalog-${randomUUID()}`,
      statements: [{ sql, values }],
      transaction: false,
    });
    if (outcome?.status !== 'finished') {
      throw new DataApiException(
        'DatabaseConnectionException',
        `Catalog query failed: ${outcome?.status === 'failed' ? outcome.message : 'aborted'}`,
      );
    }
    return outcome.rows;
  }
}

/** A column of DescribeTable from its `pg_attribute` row: Redshift type name, length, precision. */
function tableColumn(row: (string | null)[], table: string, schema: string): ColumnMetadata {
  const [name, typeOid, typeModifier, nullable, columnDefault] = row;
  const metadata = columnMetadata({
    name: name ?? '',
    typeOid: Number(typeOid),
    typeModifier: Number(typeModifier),
    schemaName: schema,
    tableName: table,
    nullable: Number(nullable),
  });
  metadata.typeName = redshiftTypeName(Number(typeOid));
  if (columnDefault !== null && columnDefault !== undefined) metadata.columnDefault = columnDefault;
  return metadata;
}
