// ESM consumer: starts @shiftflow/redshift-local and queries it with @shiftflow/data-api, as a user's
// test suite would. Argument: a scratch folder for the data directory and the local S3 root.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { RedshiftDataApi, StatementFailedError, sql } from '@shiftflow/data-api';
import { startLocalRedshift } from '@shiftflow/redshift-local';
import { report, typesOf } from './report.mjs';

const [scratch] = process.argv.slice(2);
const dataDir = path.join(scratch, 'redshift-data');
const s3Root = path.join(scratch, 's3');
mkdirSync(s3Root, { recursive: true });

const local = await startLocalRedshift({ dataDir, s3Root });
try {
  const data = new RedshiftDataApi({
    clientConfig: {
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    },
    target: { workgroupName: 'consumer', database: 'dev' },
  });
  await data.query(
    'CREATE TABLE trips (id INT4, vendor VARCHAR(16), fare DECIMAL(8,2), trips_total INT8, picked_up TIMESTAMP, paid BOOLEAN)',
  );
  // Named parameters through the options…
  const insert = await data.execute(
    'INSERT INTO trips VALUES (:id, :vendor, :fare, :total, :picked_up, :paid)',
    {
      parameters: {
        id: 1,
        vendor: 'acme',
        fare: '12.50',
        total: 4_000_000_000n,
        picked_up: new Date('2026-01-02T03:04:05Z'),
        paid: true,
      },
    },
  );
  const inserted = await data.wait(insert.id, { timeoutMs: 60_000 });
  // …and positional ones through the sql tag.
  await data.query(
    sql`INSERT INTO trips VALUES (${2}, ${"o'hare cabs"}, ${7.25}, ${3}, ${new Date('2026-01-03T00:00:00Z')}, ${false})`,
  );
  const rows = await data.query(sql`SELECT * FROM trips WHERE id >= ${1} ORDER BY id`);
  const failure = await data.query('SELECT * FROM no_such_table').then(
    () => undefined,
    (error) => error,
  );
  report({
    endpoint: local.endpoint,
    inserted: { status: inserted.status, resultRows: inserted.resultRows },
    rows,
    types: rows.map(typesOf),
    failure: {
      name: failure?.name,
      code: failure?.code,
      isStatementFailedError: failure instanceof StatementFailedError,
      message: failure?.message,
    },
  });
} finally {
  await local.close();
}
