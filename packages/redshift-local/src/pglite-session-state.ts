/**
 * Keeps the Data API's sessions apart on PGlite's single connection (one PostgreSQL backend).
 *
 * On Redshift a statement without a SessionId runs in a session of its own that ends with it, and a
 * session kept with SessionKeepAliveSeconds keeps its own settings, temporary tables and transaction
 * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ExecuteStatement.html,
 * SessionKeepAliveSeconds; https://aws.amazon.com/blogs/big-data/accelerate-your-data-workflows-with-amazon-redshift-data-api-persistent-sessions/).
 * PGlite has one backend, so this class makes the state of the connection belong to one session at a time:
 * - after a session-less request: its transaction is rolled back, its temporary relations dropped and
 *   its settings, role and session authorization reset (what ending a backend would do);
 * - a kept-alive session is *parked* when another session's request comes: its settings and users are
 *   remembered, its temporary relations renamed to `shiftflow_parked_<oid>` (hidden from the others'
 *   names), and the connection reset; it is restored (names and settings back) when its next request comes.
 * The caller (the engine) never parks a session whose transaction is open: others wait for it.
 * Erasable TypeScript with only type imports, so the worker runs it from `src/` too.
 */
import type { PGlite } from '@electric-sql/pglite';

/** What the connection looks like after open: restored after every reset. */
export interface SessionBaseline {
  /** `session_user` after open (PGlite's `SET SESSION AUTHORIZATION DEFAULT` does not go back to it). */
  user: string;
  /** Settings set in the session at open (search_path …), as `[name, value]`. */
  settings: [string, string][];
  /** Custom settings (`shiftflow.*`) that pg_settings does not list, with their value at open ('' when unset). */
  customSettings: [string, string][];
}

interface TemporaryRelation {
  oid: number;
  name: string;
  kind: string;
}

interface ParkedSession {
  settings: [string, string][];
  customSettings: [string, string][];
  sessionUser: string;
  currentUser: string;
  relations: TemporaryRelation[];
}

/** Prefix of the names parked temporary relations carry while their session is away. */
export const parkedPrefix = 'shiftflow_parked_';

/** Settings that are users, not settings: restored through SET SESSION AUTHORIZATION / SET ROLE. */
const userSettings = ['session_authorization', 'role', 'is_superuser'];

const listSettingsSql = `select name, pg_catalog.current_setting(name) from pg_catalog.pg_settings
  where source = 'session' and name <> all($1::text[])`;
const listTemporarySql = `select c.oid::int, c.relname::text, c.relkind::text from pg_catalog.pg_class c
  where c.relnamespace = pg_catalog.pg_my_temp_schema() and c.relkind in ('r','p','v','m','S','f','i','I')
  and c.relname not like '${parkedPrefix}%'`;
const dropKeywords: Record<string, string> = {
  v: 'view',
  m: 'materialized view',
  r: 'table',
  p: 'table',
  f: 'foreign table',
  S: 'sequence',
  i: 'index',
  I: 'index',
};

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** One statement setting every `[name, value]` for the session ('' when there is none). */
function setSettingsSql(settings: readonly [string, string][]): string {
  if (settings.length === 0) return '';
  const calls = settings.map(
    ([name, value]) => `pg_catalog.set_config(${quoteLiteral(name)}, ${quoteLiteral(value)}, false)`,
  );
  return `select ${calls.join(', ')};`;
}

/**
 * Reads the connection's state right after open, to restore after each reset.
 *
 * @example
 * const baseline = await captureBaseline(pglite, ['shiftflow.s3_root']);
 */
export async function captureBaseline(database: PGlite, customNames: string[]): Promise<SessionBaseline> {
  const user = await database.query<[string]>('select session_user::text', [], { rowMode: 'array' });
  return {
    user: user.rows[0]?.[0] ?? 'postgres',
    settings: await listSettings(database),
    customSettings: await listCustomSettings(database, customNames),
  };
}

async function listSettings(database: PGlite): Promise<[string, string][]> {
  const result = await database.query<[string, string]>(listSettingsSql, [userSettings], {
    rowMode: 'array',
  });
  return result.rows;
}

async function listCustomSettings(database: PGlite, names: string[]): Promise<[string, string][]> {
  const values: [string, string][] = [];
  for (const name of names) {
    const result = await database.query<[string | null]>(
      'select pg_catalog.current_setting($1, true)',
      [name],
      {
        rowMode: 'array',
      },
    );
    values.push([name, result.rows[0]?.[0] ?? '']);
  }
  return values;
}

/**
 * The session state of one PGlite connection.
 *
 * @example
 * const sessions = new PgliteSessionState(pglite, await captureBaseline(pglite, []));
 * await sessions.enter(sessionKey); // before a request
 * await sessions.leaveIfSessionless(sessionKey); // after it
 */
export class PgliteSessionState {
  readonly #database: PGlite;
  readonly #baseline: SessionBaseline;
  /** The kept-alive session whose state is live on the connection, if any. */
  #current: string | undefined;
  readonly #parked = new Map<string, ParkedSession>();

  constructor(database: PGlite, baseline: SessionBaseline) {
    this.#database = database;
    this.#baseline = baseline;
  }

  /** The kept-alive session whose state is on the connection now. */
  get current(): string | undefined {
    return this.#current;
  }

  /** Makes `sessionKey`'s state (undefined: a fresh session's) the connection's, parking the one there. */
  async enter(sessionKey: string | undefined): Promise<void> {
    if (sessionKey !== undefined && sessionKey === this.#current) return;
    if (this.#current !== undefined) await this.#park(this.#current);
    this.#current = undefined;
    const parked = sessionKey === undefined ? undefined : this.#parked.get(sessionKey);
    if (parked !== undefined && sessionKey !== undefined) {
      this.#parked.delete(sessionKey);
      await this.#restore(parked);
    }
    this.#current = sessionKey;
  }

  /** After a request: a session-less one ends here (rolled back, temp relations dropped, reset). */
  async leaveIfSessionless(sessionKey: string | undefined): Promise<void> {
    if (sessionKey === undefined) await this.#reset();
  }

  /** Ends a kept-alive session: its open transaction is rolled back, its temporary relations dropped. */
  async end(sessionKey: string): Promise<void> {
    if (this.#current === sessionKey) {
      this.#current = undefined;
      await this.#reset();
      return;
    }
    const parked = this.#parked.get(sessionKey);
    if (parked === undefined) return;
    this.#parked.delete(sessionKey);
    await this.#drop(parked.relations.map((relation) => ({ ...relation, name: parkedName(relation) })));
  }

  /** Rolls back the open transaction of the current session (it held the connection too long). */
  async rollbackCurrent(): Promise<void> {
    if (this.#database.isInTransaction()) await this.#database.exec('rollback');
  }

  async #park(sessionKey: string): Promise<void> {
    // The engine never parks an open transaction (others wait for it); one left by a failure is ended.
    if (this.#database.isInTransaction()) await this.#database.exec('rollback');
    const users = await this.#database.query<[string, string]>(
      'select session_user::text, current_user::text',
      [],
      {
        rowMode: 'array',
      },
    );
    const relations = await this.#temporaryRelations();
    const parked: ParkedSession = {
      settings: await listSettings(this.#database),
      customSettings: await listCustomSettings(
        this.#database,
        this.#baseline.customSettings.map(([name]) => name),
      ),
      sessionUser: users.rows[0]?.[0] ?? this.#baseline.user,
      currentUser: users.rows[0]?.[1] ?? this.#baseline.user,
      relations,
    };
    // Renamed as the baseline's superuser (the session's user may not own every relation), then reset.
    const renames = relations.map(
      (relation) =>
        `alter table pg_temp.${quoteIdentifier(relation.name)} rename to ${quoteIdentifier(parkedName(relation))};`,
    );
    await this.#database.exec(`${this.#resetSettingsSql()} ${renames.join(' ')}`);
    this.#parked.set(sessionKey, parked);
  }

  async #restore(parked: ParkedSession): Promise<void> {
    const present = await this.#database.query<[number]>(
      'select oid::int from pg_catalog.pg_class where oid = any($1::oid[])',
      [parked.relations.map((relation) => relation.oid)],
      { rowMode: 'array' },
    );
    const presentOids = new Set(present.rows.map(([oid]) => oid));
    const renames = parked.relations
      .filter((relation) => presentOids.has(relation.oid))
      .map(
        (relation) =>
          `alter table pg_temp.${quoteIdentifier(parkedName(relation))} rename to ${quoteIdentifier(relation.name)};`,
      );
    // Settings first (as the superuser, who may set them all), then the session's users.
    const users = [
      parked.sessionUser !== this.#baseline.user
        ? `set session authorization ${quoteIdentifier(parked.sessionUser)};`
        : '',
      parked.currentUser !== parked.sessionUser ? `set role ${quoteIdentifier(parked.currentUser)};` : '',
    ];
    const settings = setSettingsSql([...parked.settings, ...parked.customSettings]);
    await this.#database.exec([...renames, settings, ...users].join(' '));
  }

  /** What ending a backend does: transaction rolled back, temporary relations dropped, settings reset. */
  async #reset(): Promise<void> {
    if (this.#database.isInTransaction()) await this.#database.exec('rollback');
    // Dropped as the superuser of the baseline: a relation's owner may have been changed by the session.
    const relations = await this.#temporaryRelations();
    await this.#database.exec(`${this.#resetSettingsSql()} ${dropSql(relations)}`);
  }

  /**
   * SQL that resets settings, role and session user to the baseline. RESET ALL leaves role and
   * session_authorization alone (PostgreSQL marks them so), and PGlite's SET SESSION AUTHORIZATION
   * DEFAULT keeps the current user: both are set back by name.
   */
  #resetSettingsSql(): string {
    const baseline = setSettingsSql([...this.#baseline.settings, ...this.#baseline.customSettings]);
    return (
      `set session authorization ${quoteIdentifier(this.#baseline.user)}; set role none; reset all;` +
      ` select pg_catalog.pg_advisory_unlock_all(); ${baseline}`
    );
  }

  async #temporaryRelations(): Promise<TemporaryRelation[]> {
    const result = await this.#database.query<[number, string, string]>(listTemporarySql, [], {
      rowMode: 'array',
    });
    return result.rows.map(([oid, name, kind]) => ({ oid, name, kind }));
  }

  /** Drops relations (views first, then tables, then sequences and indexes a table did not take with it). */
  async #drop(relations: TemporaryRelation[]): Promise<void> {
    if (relations.length > 0) await this.#database.exec(dropSql(relations));
  }
}

/** SQL dropping `relations` in an order that lets each go (IF EXISTS: a table takes its indexes along). */
function dropSql(relations: readonly TemporaryRelation[]): string {
  const order = ['v', 'm', 'r', 'p', 'f', 'S', 'i', 'I'];
  return [...relations]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map(
      (relation) =>
        `drop ${dropKeywords[relation.kind] ?? 'table'} if exists pg_temp.${quoteIdentifier(relation.name)} cascade;`,
    )
    .join(' ');
}

function parkedName(relation: TemporaryRelation): string {
  return `${parkedPrefix}${relation.oid}`;
}
