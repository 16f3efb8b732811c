/**
 * The RowDescription of a statement on PGlite: PGlite's `query`/`exec` results keep only each
 * column's name and type oid, so the worker asks again with the extended protocol (Parse +
 * Describe + Sync of the unnamed statement: nothing runs) for the table, column number and type
 * modifier. Inside an open transaction it works under a savepoint, so a statement that cannot be
 * described (several statements in one text) never aborts the session's transaction.
 * Self-contained (types only) so the PGlite worker can load it from `src/` as well as from a build.
 */
import type { PGlite } from '@electric-sql/pglite';
import { type ColumnWithOrigin, type DescribedColumn, withColumnOrigins } from './column-origins.ts';

const encoder = new TextEncoder();

function message(code: string, body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(5 + body.length);
  bytes[0] = code.charCodeAt(0);
  new DataView(bytes.buffer).setInt32(1, 4 + body.length);
  bytes.set(body, 5);
  return bytes;
}

function cstring(text: string): Uint8Array {
  const encoded = encoder.encode(text);
  const bytes = new Uint8Array(encoded.length + 1);
  bytes.set(encoded);
  return bytes;
}

/** Parse (unnamed, no parameter types) + Describe statement + Sync. */
function describeMessages(sql: string): Uint8Array {
  const name = cstring('');
  const text = cstring(sql);
  const parseBody = new Uint8Array(name.length + text.length + 2);
  parseBody.set(name);
  parseBody.set(text, name.length);
  const parts = [
    message('P', parseBody),
    message('D', new Uint8Array([83, 0])),
    message('S', new Uint8Array()),
  ];
  const all = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

interface RowDescriptionField {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  dataTypeModifier: number;
}

function isRowDescription(
  value: unknown,
): value is { name: 'rowDescription'; fields: RowDescriptionField[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'rowDescription' &&
    Array.isArray((value as { fields?: unknown }).fields)
  );
}

/**
 * The columns of `sql`'s result with table oid, column number and type modifier, or `columns`
 * unchanged when the statement cannot be described the same way (several statements, an error).
 *
 * @example
 * const described = await describePgliteColumns(instance, 'select id from t', [{ name: 'id', typeOid: 23 }]);
 */
export async function describePgliteColumns(
  instance: PGlite,
  sql: string,
  columns: DescribedColumn[],
): Promise<DescribedColumn[]> {
  const inTransaction = instance.isInTransaction();
  if (inTransaction) await instance.exec('savepoint redshift_local_describe');
  let fields: RowDescriptionField[] | undefined;
  try {
    const { messages } = await instance.execProtocol(describeMessages(sql), {
      throwOnError: false,
      syncToFs: false,
    });
    const description: unknown = messages.find((item) => item.name === 'rowDescription');
    if (isRowDescription(description)) fields = description.fields;
  } finally {
    if (inTransaction)
      await instance.exec(
        'rollback to savepoint redshift_local_describe; release savepoint redshift_local_describe',
      );
  }
  if (fields === undefined || fields.length !== columns.length) return columns;
  return columns.map((column, index) => {
    const field = fields[index]!;
    if (field.dataTypeID !== column.typeOid) return column;
    return {
      ...column,
      tableOid: field.tableID,
      columnNumber: field.columnID,
      typeModifier: field.dataTypeModifier,
    };
  });
}

/**
 * The result columns of a statement that just ran on `instance`, with type modifiers and table
 * origins (see {@link withColumnOrigins}). Describing is extra information: when it fails the
 * columns are returned as they are and the reason goes to stderr, never failing the statement.
 *
 * @example
 * const fields = await describeResultColumns(instance, sql, [{ name: 'id', typeOid: 23 }]);
 */
export async function describeResultColumns(
  instance: PGlite,
  sql: string,
  columns: DescribedColumn[],
): Promise<ColumnWithOrigin[]> {
  if (columns.length === 0) return columns;
  try {
    const described = await describePgliteColumns(instance, sql, columns);
    return await withColumnOrigins(described, async (query, values) => {
      const result = await instance.query<(string | null)[]>(query, values, { rowMode: 'array' });
      return result.rows;
    });
  } catch (error) {
    console.error(
      `redshift-local: could not describe the result columns: ${error instanceof Error ? error.message : String(error)}`,
    );
    return columns;
  }
}
