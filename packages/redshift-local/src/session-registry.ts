/**
 * `SessionRegistry`: the Data API's sessions (SessionKeepAliveSeconds / SessionId): opening one,
 * resolving a request's session or connection, the session's life around its statements, its
 * expiry and ListSessions.
 */
import { randomUUID } from 'node:crypto';
import { DataApiException } from './errors';
import { pagedList } from './paged-list';
import {
  optionalString,
  requiredString,
  type WireInput,
  type WireOutput,
  wireSeconds,
} from './read-wire-input';
import { connectionOf, type StatementConnection } from './statement-record';

/** A session: one engine connection kept for a caller's statements. */
export interface Session extends StatementConnection {
  id: string;
  keepAliveSeconds: number;
  expiresAt: number;
  active: number;
  createdAt: number;
  updatedAt: number;
  closedAt?: number | undefined;
  currentStatementId?: string | undefined;
}

/** A session's status as ListSessions shows it. */
export type SessionStatus = 'AVAILABLE' | 'BUSY' | 'CLOSED';

/** What the registry needs around it. */
export interface SessionRegistryOptions {
  /** Open sessions allowed at once. Defaults to 500. */
  maxSessions?: number | undefined;
  now: () => number;
  /** Ends a session's engine connection once the session has expired. */
  endSession: (id: string) => Promise<void>;
}

/**
 * The sessions of one Data API.
 *
 * @example
 * const sessions = new SessionRegistry({ now: Date.now, endSession: (id) => engine.endSession(id) });
 * const { session, connection } = sessions.resolve(input, keepAlive);
 */
export class SessionRegistry {
  readonly #options: SessionRegistryOptions;
  readonly #sessions = new Map<string, Session>();

  constructor(options: SessionRegistryOptions) {
    this.#options = options;
  }

  get(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  status(session: Session): SessionStatus {
    if (session.closedAt !== undefined) return 'CLOSED';
    if (session.active > 0) return 'BUSY';
    return session.expiresAt <= this.#options.now() ? 'CLOSED' : 'AVAILABLE';
  }

  /**
   * Where a request's statement runs: in the open session its SessionId names (whose keep-alive
   * `keepAlive` then replaces), or on the ClusterIdentifier or WorkgroupName and Database it gives.
   */
  resolve(
    input: WireInput,
    keepAlive: number | undefined,
  ): { session?: Session; connection: StatementConnection } {
    const sessionId = optionalString(input, 'SessionId');
    if (sessionId === undefined) return { connection: this.#connectionOf(input) };
    const session = this.#sessions.get(sessionId);
    if (session === undefined || this.status(session) === 'CLOSED') {
      throw new DataApiException(
        'ValidationException',
        `Session ${sessionId} is not available: it does not exist or has expired.`,
      );
    }
    if (input.ClusterIdentifier !== undefined || input.WorkgroupName !== undefined) {
      throw new DataApiException(
        'ValidationException',
        'SessionId cannot be combined with ClusterIdentifier or WorkgroupName.',
      );
    }
    if (keepAlive !== undefined) session.keepAliveSeconds = keepAlive;
    return { session, connection: connectionOf(session) };
  }

  #connectionOf(input: WireInput): StatementConnection {
    const clusterIdentifier = optionalString(input, 'ClusterIdentifier');
    const workgroupName = optionalString(input, 'WorkgroupName');
    if ((clusterIdentifier === undefined) === (workgroupName === undefined)) {
      throw new DataApiException(
        'ValidationException',
        'Exactly one of ClusterIdentifier or WorkgroupName must be given (or a SessionId).',
      );
    }
    const database = requiredString(input, 'Database');
    const dbUser = optionalString(input, 'DbUser');
    const secretArn = optionalString(input, 'SecretArn');
    return {
      database,
      ...(clusterIdentifier !== undefined ? { clusterIdentifier } : {}),
      ...(workgroupName !== undefined ? { workgroupName } : {}),
      ...(dbUser !== undefined ? { dbUser } : {}),
      ...(secretArn !== undefined ? { secretArn } : {}),
    };
  }

  /** Opens a session on `connection` that lives `keepAliveSeconds` after its last statement. */
  open(keepAliveSeconds: number, connection: StatementConnection): Session {
    const open = [...this.#sessions.values()].filter((item) => this.status(item) !== 'CLOSED').length;
    const maxSessions = this.#options.maxSessions ?? 500;
    if (open >= maxSessions) {
      throw new DataApiException(
        'ActiveSessionsExceededException',
        `The maximum number of sessions (${maxSessions}) has been reached.`,
      );
    }
    const now = this.#options.now();
    const session: Session = {
      id: randomUUID(),
      keepAliveSeconds,
      expiresAt: Number.POSITIVE_INFINITY,
      active: 0,
      createdAt: now,
      updatedAt: now,
      ...connection,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** A statement of the session was submitted: the session is BUSY until it ends. */
  statementSubmitted(session: Session): void {
    session.active++;
  }

  /** The engine started statement `statementId` of session `sessionId`. */
  statementStarted(sessionId: string | undefined, statementId: string, now: number): void {
    const session = sessionId === undefined ? undefined : this.#sessions.get(sessionId);
    if (session === undefined) return;
    session.currentStatementId = statementId;
    session.updatedAt = now;
  }

  /** Statement `statementId` of the session ended: its keep-alive counts from now. */
  statementEnded(session: Session, statementId: string): void {
    session.active--;
    session.updatedAt = this.#options.now();
    session.expiresAt = session.updatedAt + session.keepAliveSeconds * 1000;
    if (session.currentStatementId === statementId) delete session.currentStatementId;
  }

  /** Closes idle sessions past their keep-alive; forgets closed ones past the retention. */
  sweep(now: number, retentionMs: number): void {
    for (const [id, session] of this.#sessions) {
      if (session.closedAt !== undefined) {
        if (now - session.closedAt > retentionMs) this.#sessions.delete(id);
      } else if (session.active === 0 && session.expiresAt <= now) {
        session.closedAt = now;
        session.updatedAt = now;
        void this.#options.endSession(id).catch((error: unknown) => {
          console.error(`redshift-local: ending session ${id} failed: ${String(error)}`);
        });
      }
    }
  }

  /** ListSessions: the sessions the filters of `input` select, newest first, one page. */
  list(input: WireInput): WireOutput {
    const sessionId = optionalString(input, 'SessionId');
    const status = optionalString(input, 'Status');
    if (status !== undefined && !['AVAILABLE', 'BUSY', 'CLOSED'].includes(status)) {
      throw new DataApiException(
        'ValidationException',
        `Status ${JSON.stringify(status)} must be AVAILABLE, BUSY or CLOSED.`,
      );
    }
    const database = optionalString(input, 'Database');
    const clusterIdentifier = optionalString(input, 'ClusterIdentifier');
    const workgroupName = optionalString(input, 'WorkgroupName');
    const sessions = [...this.#sessions.values()]
      .filter((session) => sessionId === undefined || session.id === sessionId)
      .filter((session) => status === undefined || this.status(session) === status)
      .filter((session) => database === undefined || session.database === database)
      .filter((session) => clusterIdentifier === undefined || session.clusterIdentifier === clusterIdentifier)
      .filter((session) => workgroupName === undefined || session.workgroupName === workgroupName)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((session) => this.#describe(session));
    const { page, nextToken } = pagedList(sessions, input, 'ListSessions', 100);
    return { Sessions: page, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) };
  }

  #describe(session: Session): WireOutput {
    const state = this.status(session);
    return {
      SessionId: session.id,
      Status: state,
      CreatedAt: wireSeconds(session.createdAt),
      UpdatedAt: wireSeconds(session.updatedAt),
      Database: session.database,
      ...(session.dbUser !== undefined ? { DbUser: session.dbUser } : {}),
      ...(session.clusterIdentifier !== undefined ? { ClusterIdentifier: session.clusterIdentifier } : {}),
      ...(session.workgroupName !== undefined ? { WorkgroupName: session.workgroupName } : {}),
      SessionAliveSeconds: session.keepAliveSeconds,
      ...(Number.isFinite(session.expiresAt) ? { SessionTtl: wireSeconds(session.expiresAt) } : {}),
      ...(state === 'BUSY' && session.currentStatementId !== undefined
        ? { CurrentStatementId: session.currentStatementId }
        : {}),
    };
  }
}
