import { afterAll, beforeAll } from 'vitest';
import { defineLatencySuite } from '../support/latency-suite';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from '../support/postgres-server';

let server: PostgresServer | undefined;

beforeAll(async () => {
  server = await startPostgresServer();
  if (!server.ok) throw postgresUnavailable(server.reason);
});

afterAll(async () => {
  if (server?.ok) await server.stop();
});

defineLatencySuite('PostgreSQL', () =>
  server?.ok ? { engine: { type: 'postgres', url: server.url } } : undefined,
);
