import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PipelineConfig } from '@shiftflow/events';
import { ConfigError } from '../errors';
import { tableColumnsFromSql } from '../seed/table-columns-from-sql';

/** What the local app needs to know of the setup SQL. */
export interface SetupObjects {
  /** The setup files, absolute, in order, with their text. */
  files: { path: string; sql: string }[];
  /** The table the ELT loads with COPY, and its columns in order (the sample files' layout). */
  loadTable?: { name: string; columns: string[] };
  /** Materialized views the setup creates, in order. */
  materializedViews: string[];
}

const stripComments = (sql: string): string =>
  sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');

/**
 * Reads the configuration's setup files and finds the loaded table and the materialized views.
 *
 * @throws ConfigError naming a setup file that cannot be read.
 * @example
 * const { loadTable, materializedViews } = await setupObjects('/work/main', config);
 */
export async function setupObjects(repositoryRoot: string, config: PipelineConfig): Promise<SetupObjects> {
  const files: SetupObjects['files'] = [];
  for (const file of config.setupFiles) {
    const absolute = path.resolve(repositoryRoot, file);
    try {
      files.push({ path: absolute, sql: await readFile(absolute, 'utf8') });
    } catch (error) {
      throw new ConfigError(absolute, `cannot read setup file ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const text = stripComments(files.map((file) => file.sql).join('\n;\n'));
  const copy = /\bcopy\s+(?:"?\w+"?\.)?"?(\w+)"?\s*(?:\([^)]*\)\s*)?from\b/i.exec(text);
  const materializedViews = [
    ...text.matchAll(/\bcreate\s+materialized\s+view\s+(?:if\s+not\s+exists\s+)?(?:"?\w+"?\.)?"?(\w+)"?/gi),
  ].map((match) => match[1]!.toLowerCase());
  const result: SetupObjects = { files, materializedViews: [...new Set(materializedViews)] };
  if (copy) {
    const name = copy[1]!.toLowerCase();
    const columns = tableColumnsFromSql(text, name);
    if (columns) result.loadTable = { name, columns };
  }
  return result;
}
