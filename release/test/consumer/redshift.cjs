// CommonJS consumer: requires @shiftflow/redshift-local and @shiftflow/data-api (the engine's worker
// thread must start from the CommonJS build too) and runs one query.
'use strict';
const { mkdirSync } = require('node:fs');
const path = require('node:path');
const { RedshiftDataApi } = require('@shiftflow/data-api');
const { startLocalRedshift } = require('@shiftflow/redshift-local');

async function main() {
  const [scratch] = process.argv.slice(2);
  const s3Root = path.join(scratch, 's3');
  mkdirSync(s3Root, { recursive: true });
  const local = await startLocalRedshift({ s3Root });
  try {
    const data = new RedshiftDataApi({
      clientConfig: {
        endpoint: local.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      },
      target: { clusterIdentifier: 'consumer', database: 'dev', dbUser: 'etl' },
    });
    const rows = await data.query('SELECT 40 + 2 AS answer, GETDATE() IS NOT NULL AS has_getdate');
    process.stdout.write(
      `RESULT ${JSON.stringify({ resolved: require.resolve('@shiftflow/redshift-local'), rows })}\n`,
    );
  } finally {
    await local.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
