// What both the ESM and the CommonJS consumer observe of @shiftflow/data-api and @shiftflow/events.
// It takes the loaded modules as arguments, so each consumer loads them its own way (import or require).
'use strict';

function caught(action) {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

function describeError(error, baseClass) {
  return {
    name: error.name,
    code: error.code,
    message: error.message,
    isBaseClass: error instanceof baseClass,
    isError: error instanceof Error,
  };
}

module.exports = function observe(dataApi, events, fixtures) {
  const statement = dataApi.sql`select * from trips where vendor = ${'acme'} and fare > ${12.5} and paid = ${true}`;
  const badTarget = caught(
    () =>
      new dataApi.RedshiftDataApi({
        clientConfig: { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
        target: { clusterIdentifier: 'c1', workgroupName: 'w1', database: 'dev' },
      }),
  );
  const badParameter = caught(() => dataApi.sql`select ${Number.NaN}`);
  const composed = dataApi.sql`insert into t values (${null}, ${''}, ${dataApi.sql`${1}`}) -- ${[2, 3]}`;
  const finished = events.parseStatementStatusChangeEvent(fixtures.statusChangeFinished);
  const badEvent = caught(() =>
    events.parseStatementStatusChangeEvent({
      ...fixtures.statusChangeFinished,
      detail: { ...fixtures.statusChangeFinished.detail, state: 'DONE' },
    }),
  );
  const config = events.parsePipelineConfig({
    name: 'nyc-taxi',
    schedule: { expression: 'cron(0 11 ? * MON-FRI *)' },
    target: { type: 'serverless', workgroupName: 'analytics', database: 'dev' },
    setupFiles: [],
    sourceS3Uri: 's3://shiftflow-sample/nyc_yellow_taxi_raw/',
    redshiftIamRoleArn: 'arn:aws:iam::123456789012:role/shiftflow-copy',
  });
  return {
    sql: { sql: statement.sql, parameters: statement.parameters },
    composed: { sql: composed.sql, parameters: composed.parameters },
    alias: dataApi.RedshiftData === dataApi.RedshiftDataApi,
    badTarget: {
      ...describeError(badTarget, dataApi.RedshiftDataError),
      isInvalidTargetError: badTarget instanceof dataApi.InvalidTargetError,
    },
    badParameter: {
      ...describeError(badParameter, dataApi.RedshiftDataError),
      isInvalidParameterError: badParameter instanceof dataApi.InvalidParameterError,
    },
    finished: { state: finished.detail.state, statementId: finished.detail.statementId },
    badEvent: {
      ...describeError(badEvent, events.EventsError),
      isEventParseError: badEvent instanceof events.EventParseError,
      issues: badEvent.issues.map((issue) => ({ path: issue.path, value: issue.value })),
    },
    config: { timeZone: config.schedule.timeZone, eltSql: config.eltSql },
    pattern: events.statusChangePattern({ pipelineName: 'nyc-taxi' }),
  };
};
