// ESM consumer: imports @shiftflow/data-api and @shiftflow/events by name and reports what it sees.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as dataApi from '@shiftflow/data-api';
import * as events from '@shiftflow/events';
import observe from './observe.cjs';
import { report } from './report.mjs';

const statusChangeFinished = JSON.parse(
  readFileSync(new URL('./status-change-finished.json', import.meta.url)),
);
const eventsFile = fileURLToPath(import.meta.resolve('@shiftflow/events'));

report({
  resolved: {
    dataApi: fileURLToPath(import.meta.resolve('@shiftflow/data-api')),
    events: eventsFile,
    zod: createRequire(eventsFile).resolve('zod'),
    awsSdk: createRequire(fileURLToPath(import.meta.resolve('@shiftflow/data-api'))).resolve(
      '@aws-sdk/client-redshift-data',
    ),
  },
  ...observe(dataApi, events, { statusChangeFinished }),
});
