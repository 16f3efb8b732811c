import { afterAll, beforeAll } from 'vitest';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from './support/postgres-server';
import { defineQueryHistorySuite } from './support/query-history-suite';

let server: PostgresServer | undefined;

beforeAll(async () => {
  server = await startPostgresServer();
  if (!server.ok) throw postgresUnavailable(server.reason);
});

afterAll(async () => {
  if (server?.ok) await server.stop();
});

defineQueryHistorySuite('PostgreSQL', () =>
  server?.ok ? { engine: { type: 'postgres', url: server.url } } : undefined,
);
