import path from 'node:path';
import { ConfigError } from '../errors';
import { tableColumnsFromSql } from '../seed/table-columns-from-sql';

const setupObjectKinds = ['table', 'view', 'materialized view', 'procedure'] as const;

/** What kind of database object a setup statement creates. */
export type SetupObjectKind = (typeof setupObjectKinds)[number];

/** A database object the setup SQL creates, and the setup file that creates it. */
export interface SetupObject {
  kind: SetupObjectKind;
  /** Lower-case name without its schema. */
  name: string;
  /** The setup file, repository-relative as the configuration names it. */
  file: string;
}

/** What the local app needs to know of the setup SQL. */
export interface SetupObjects {
  /** The setup files, absolute, in order, with their text. */
  files: { path: string; sql: string }[];
  /** The table the ELT loads with COPY, and its columns in order (the sample files' layout). */
  loadTable?: { name: string; columns: string[] };
  /** Materialized views the setup creates, in order. */
  materializedViews: string[];
  /** Every table, view, materialized view and procedure the setup creates (temporary tables left out), in order. */
  created: SetupObject[];
}

const stripComments = (sql: string): string =>
  sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');

const createdPattern =
  /^create\s+(?:or\s+replace\s+)?(temp\s+|temporary\s+|local\s+temp\s+)?(table|view|materialized\s+view|procedure)\s+(?:if\s+not\s+exists\s+)?(?:"?\w+"?\.)?"?(\w+)"?/i;

/**
 * The tables, views and procedures one setup file creates: statements that start with CREATE, so a
 * CREATE inside a procedure body (run later, by the procedure) is not taken for one.
 */
function objectsCreatedBy(file: string, statements: readonly { sql: string }[]): SetupObject[] {
  const objects: SetupObject[] = [];
  for (const statement of statements) {
    const match = createdPattern.exec(statement.sql);
    if (match === null || match[1] !== undefined) continue;
    const kind = setupObjectKinds.find(
      (candidate) => candidate === (match[2] ?? '').toLowerCase().replace(/\s+/g, ' '),
    );
    if (kind === undefined) continue; // the pattern only matches the four kinds
    objects.push({ kind, name: (match[3] ?? '').toLowerCase(), file });
  }
  return objects;
}

/**
 * Reads the configuration's setup files and finds the loaded table, the materialized views and every
 * object the setup creates. The files are read as the setup runner reads them (`readSetupFile` of
 * `@shiftflow/elt-runner`): a file larger than one Data API batch could carry is refused before it is
 * read, bytes that are not UTF-8 are refused with their offset and line, and a leading byte order mark
 * is dropped.
 *
 * @throws ConfigError naming a setup file that cannot be read, is too large or is not UTF-8.
 * @example
 * const { loadTable, materializedViews } = await setupObjects('/work/main', config);
 */
export async function setupObjects(
  repositoryRoot: string,
  config: { readonly setupFiles: readonly string[] },
): Promise<SetupObjects> {
  // Loaded on first use, as the pipeline loads it: the runner package is not needed by every command.
  const { EltRunnerError, readSetupFile, splitSqlStatements } = await import('@shiftflow/elt-runner');
  const files: SetupObjects['files'] = [];
  const created: SetupObject[] = [];
  for (const file of config.setupFiles) {
    const absolute = path.resolve(repositoryRoot, file);
    try {
      const sql = await readSetupFile(absolute, file);
      files.push({ path: absolute, sql });
      created.push(...objectsCreatedBy(file, splitSqlStatements(sql, file)));
    } catch (error) {
      if (!(error instanceof EltRunnerError)) throw error;
      throw new ConfigError(absolute, error.message, { cause: error });
    }
  }
  const text = stripComments(files.map((file) => file.sql).join('\n;\n'));
  const copy = /\bcopy\s+(?:"?\w+"?\.)?"?(\w+)"?\s*(?:\([^)]*\)\s*)?from\b/i.exec(text);
  const materializedViews = created
    .filter((object) => object.kind === 'materialized view')
    .map((object) => object.name);
  const result: SetupObjects = { files, materializedViews: [...new Set(materializedViews)], created };
  if (copy) {
    const name = copy[1]!.toLowerCase();
    const columns = tableColumnsFromSql(text, name);
    if (columns) result.loadTable = { name, columns };
  }
  return result;
}
