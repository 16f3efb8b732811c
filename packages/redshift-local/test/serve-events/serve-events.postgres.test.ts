import { afterAll, beforeAll } from 'vitest';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from '../support/postgres-server';
import { defineServeEventsSuite } from '../support/serve-events-suite';

let server: PostgresServer | undefined;

beforeAll(async () => {
  server = await startPostgresServer();
  if (!server.ok) throw postgresUnavailable(server.reason);
});

afterAll(async () => {
  if (server?.ok) await server.stop();
});

defineServeEventsSuite('PostgreSQL', () => (server?.ok ? ['--postgres-url', server.url] : undefined));
