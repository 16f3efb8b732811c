// CommonJS consumer: requires @shiftflow/data-api and @shiftflow/events by name and reports what it sees.
'use strict';
const path = require('node:path');
const dataApi = require('@shiftflow/data-api');
const events = require('@shiftflow/events');
const observe = require('./observe.cjs');
const statusChangeFinished = require('./status-change-finished.json');

const eventsFile = require.resolve('@shiftflow/events');
const result = {
  resolved: {
    dataApi: require.resolve('@shiftflow/data-api'),
    events: eventsFile,
    zod: require.resolve('zod', { paths: [path.dirname(eventsFile)] }),
    awsSdk: require.resolve('@aws-sdk/client-redshift-data', {
      paths: [path.dirname(require.resolve('@shiftflow/data-api'))],
    }),
  },
  ...observe(dataApi, events, { statusChangeFinished }),
};
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
