/**
 * The conformance corpus (statements from the Redshift developer guide's SQL reference pages with their documented
 * results, test/conformance/corpus) on PGlite and on a PostgreSQL server. A statement either gives the documented
 * result or is refused naming the construct; a different result or any other error fails the test. The counts are
 * printed: RELIABILITY.md and the package README quote them.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compatibilitySql } from '../../src/dialect/index';
import { postgresUnavailable, startPostgresServer } from '../support/postgres-server';
import { corpus } from './corpus/index';
import { type ConformanceEngine, type ConformanceOutcome, runConformance } from './run-conformance';

/** Share of the corpus that must give the documented result (the rest is refused by name). */
const requiredPassRate = 0.9;

function summarize(engine: string, outcomes: readonly ConformanceOutcome[]): string {
  const count = (outcome: ConformanceOutcome['outcome']) =>
    outcomes.filter((item) => item.outcome === outcome).length;
  const passed = count('passed');
  const refused = outcomes
    .filter((item) => item.outcome === 'refused')
    .map((item) => `  refused: ${item.sql} — ${item.detail}`);
  return [
    `conformance on ${engine}: ${outcomes.length} statements, ${passed} passed (${((100 * passed) / outcomes.length).toFixed(1)}%), ${count('refused')} refused, ${count('wrong')} wrong, ${count('failed')} failed`,
    ...refused,
  ].join('\n');
}

function expectConformance(engine: string, outcomes: readonly ConformanceOutcome[]): void {
  console.info(summarize(engine, outcomes));
  const problems = outcomes.filter((item) => item.outcome === 'wrong' || item.outcome === 'failed');
  expect(problems.map((item) => `${item.outcome}: ${item.sql} (${item.page}): ${item.detail}`)).toEqual([]);
  const passed = outcomes.filter((item) => item.outcome === 'passed').length;
  expect(passed / outcomes.length).toBeGreaterThanOrEqual(requiredPassRate);
}

const textParsers: Record<number, (value: string) => string> = {};
for (let oid = 0; oid < 10_000; oid++) textParsers[oid] = (value) => value;

describe('the Redshift conformance corpus on PGlite', () => {
  let database: PGlite;
  beforeAll(async () => {
    database = await PGlite.create();
    await database.exec(compatibilitySql);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives the documented result for every statement it does not refuse by name', async () => {
    const engine: ConformanceEngine = {
      name: 'pglite',
      async rows(sql) {
        const results = await database.exec(sql, { rowMode: 'array', parsers: textParsers });
        return (results.at(-1)?.rows ?? []) as unknown as (string | null)[][];
      },
    };
    expectConformance('PGlite', await runConformance(engine, corpus));
  });
});

const server = await startPostgresServer();
describe('the Redshift conformance corpus on PostgreSQL', () => {
  let client: pg.Client | undefined;
  beforeAll(async () => {
    if (!server.ok) return;
    client = new pg.Client({
      connectionString: server.url,
      types: { getTypeParser: () => (value: string) => value },
    });
    await client.connect();
    await client.query(compatibilitySql);
  });
  afterAll(async () => {
    await client?.end();
    if (server.ok) await server.stop();
  });

  it('gives the documented result for every statement it does not refuse by name', async () => {
    if (!server.ok) throw postgresUnavailable(server.reason);
    const connection = client!;
    const engine: ConformanceEngine = {
      name: 'postgres',
      async rows(sql) {
        const result = await connection.query({ text: sql, rowMode: 'array' });
        const last = Array.isArray(result) ? result.at(-1) : result;
        return (last?.rows ?? []) as (string | null)[][];
      },
    };
    expectConformance('PostgreSQL', await runConformance(engine, corpus));
  });
});
