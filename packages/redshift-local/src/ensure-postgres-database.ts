/**
 * The PostgreSQL engine's connection URL for the database the Data API serves (`dev` by default):
 * the SQL then sees it as Redshift's would — `current_database()`, three-part names
 * (`"dev"."public"."t"`) and `information_schema` name it. When the URL names another database,
 * the served one is created on the same server at open (when missing) and used instead.
 */
import pg from 'pg';
import { EngineError } from './errors';

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The URL with its password hidden, for messages. */
function redacted(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}

/**
 * `url` pointed at `database`, which exists on its server once this resolves.
 *
 * @example
 * const url = await ensurePostgresDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'dev');
 * // postgres://postgres@127.0.0.1:5432/dev
 */
export async function ensurePostgresDatabase(url: string, database: string): Promise<string> {
  const parsed = new URL(url);
  if (decodeURIComponent(parsed.pathname.slice(1)) === database) return url;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const found = await client.query('select 1 from pg_catalog.pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${quoteIdentifier(database)}`).catch((error: unknown) => {
        // 42P04 duplicate_database: another local Redshift created it at the same moment.
        if ((error as { code?: unknown }).code !== '42P04') throw error;
      });
    }
  } catch (error) {
    throw new EngineError(
      'postgres',
      `could not create database "${database}" on ${redacted(url)} (the Data API serves "${database}"; create it yourself or grant CREATEDB): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    // Ending a client whose connect failed can fail too; the error above is the one to report.
    await client.end().catch(() => undefined);
  }
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
