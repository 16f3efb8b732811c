import { setTimeout as delay } from 'node:timers/promises';
import {
  ExecuteStatementCommand,
  InternalServerException,
  ListStatementsCommand,
  RedshiftDataClient,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { RedshiftData, type StatementSummary } from '@shiftflow/data-api';
import { EventParseError, type RunnerSettings } from '@shiftflow/events';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import schedulerDefaultEvent from './__fixtures__/scheduler-default-event.json';
import schedulerInputEvent from './__fixtures__/scheduler-input-event.json';
import { clientTokenFor } from './client-token-for';
import { RunStartError } from './errors';
import { type EltRunDataApi, type RunLogger, startEltRun } from './start-elt-run';

const settings: RunnerSettings = {
  pipelineName: 'nyc-taxi',
  target: { type: 'serverless', workgroupName: 'shiftflow', database: 'dev' },
  eltSql: 'CALL run_elt_process();',
};
const statementId = 'd9b6c0c9-0747-4bf4-b142-e8883122f766';
const now = new Date('2026-11-30T17:45:12.345Z');

const sdk = mockClient(RedshiftDataClient);

function recordingLogger(): RunLogger & {
  lines: { level: string; message: string; attributes: Record<string, unknown> }[];
} {
  const lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (message, ...attributes) =>
      lines.push({ level: 'info', message, attributes: Object.assign({}, ...attributes) }),
    warn: (message, ...attributes) =>
      lines.push({ level: 'warn', message, attributes: Object.assign({}, ...attributes) }),
  };
}

function dependencies(logger = recordingLogger()) {
  const client = new RedshiftDataClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const dataApi = new RedshiftData({ client, target: { workgroupName: 'shiftflow', database: 'dev' } });
  return { dataApi, settings, logger, now: () => now };
}

describe('startEltRun', () => {
  beforeEach(() => {
    sdk.reset();
    sdk.on(ListStatementsCommand).resolves({ Statements: [] });
    sdk.on(ExecuteStatementCommand).resolves({ Id: statementId, CreatedAt: now });
  });

  it('starts a scheduled run with event, statement name and derived client token', async () => {
    const logger = recordingLogger();
    const result = await startEltRun(schedulerDefaultEvent, dependencies(logger));

    const expectedToken = clientTokenFor({
      pipelineName: 'nyc-taxi',
      trigger: 'scheduled',
      scheduledTime: new Date('2026-11-30T16:00:00Z'),
    });
    expect(result).toEqual({
      status: 'started',
      pipelineName: 'nyc-taxi',
      runId: 'nyc-taxi/2026-11-30T16:00:00.000Z',
      trigger: 'scheduled',
      scheduledTime: '2026-11-30T16:00:00.000Z',
      statementId,
      clientToken: expectedToken,
    });
    const calls = sdk.commandCalls(ExecuteStatementCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({
      Sql: 'CALL run_elt_process();',
      WorkgroupName: 'shiftflow',
      Database: 'dev',
      WithEvent: true,
      StatementName: 'nyc-taxi/2026-11-30T16:00:00.000Z',
      ClientToken: expectedToken,
    });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        attributes: expect.objectContaining({ pipelineName: 'nyc-taxi', runId: result.runId, statementId }),
      }),
    );
  });

  it('asks ListStatements once, for every state of the pipeline prefix, before starting', async () => {
    await startEltRun(schedulerInputEvent, dependencies());
    const inputs = sdk.commandCalls(ListStatementsCommand).map((call) => call.args[0].input);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ Status: 'ALL', StatementName: 'nyc-taxi/', MaxResults: 100 });
    expect(sdk.commandCalls(ExecuteStatementCommand)).toHaveLength(1);
  });

  it('finds the active statement among ended ones in the one listing', async () => {
    sdk.on(ListStatementsCommand).resolves({
      Statements: [
        { Id: 'newest-id', Status: 'FAILED', StatementName: 'nyc-taxi/2026-11-30T15:00:00.000Z' },
        { Id: 'picked-id', Status: 'PICKED', StatementName: 'nyc-taxi/2026-11-30T14:00:00.000Z' },
        { Id: 'older-id', Status: 'FINISHED', StatementName: 'nyc-taxi/2026-11-30T13:00:00.000Z' },
      ],
    });

    const result = await startEltRun(schedulerInputEvent, dependencies());

    expect(result).toMatchObject({
      status: 'skipped',
      activeStatementId: 'picked-id',
      activeStatus: 'PICKED',
    });
    expect(sdk.commandCalls(ListStatementsCommand)).toHaveLength(1);
    expect(sdk.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
  });

  it("starts when the listing holds only ended statements and other pipelines' active ones", async () => {
    sdk.on(ListStatementsCommand).resolves({
      Statements: [
        {
          Id: 'other-pipeline',
          Status: 'STARTED',
          StatementName: 'nyc-taxi-backfill/2026-11-30T15:00:00.000Z',
        },
        { Id: 'done-id', Status: 'FINISHED', StatementName: 'nyc-taxi/2026-11-29T16:00:00.000Z' },
        { Id: 'aborted-id', Status: 'ABORTED', StatementName: 'nyc-taxi/2026-11-28T16:00:00.000Z' },
      ],
    });

    const result = await startEltRun(schedulerInputEvent, dependencies());

    expect(result.status).toBe('started');
    expect(sdk.commandCalls(ListStatementsCommand)).toHaveLength(1);
  });

  it('finds a statement that moves from SUBMITTED to PICKED while the listing is answered', async () => {
    // Whatever moment the service reads the statement at, it reports one active state for it.
    const startedAt = Date.now();
    const stateNow = () => (Date.now() - startedAt < 40 ? 'SUBMITTED' : 'PICKED');
    const statuses: (string | undefined)[] = [];
    const dataApi: EltRunDataApi = {
      execute: async () => ({ id: statementId }),
      async *listStatements(options = {}) {
        statuses.push(options.status);
        await delay(80);
        const summary: StatementSummary = {
          id: 'a0b1c2d3-0747-4bf4-b142-e8883122f766',
          statementName: 'nyc-taxi/2026-11-30T16:00:00.000Z',
          status: stateNow(),
          isBatchStatement: false,
          raw: { Id: 'a0b1c2d3-0747-4bf4-b142-e8883122f766', QueryString: 'CALL run_elt_process();' },
        };
        if (options.status === 'ALL' || options.status === summary.status) yield summary;
      },
    };

    const result = await startEltRun(schedulerInputEvent, { dataApi, settings, logger: recordingLogger() });

    expect(result).toMatchObject({ status: 'skipped', activeStatus: 'PICKED' });
    expect(statuses).toEqual(['ALL']);
  });

  it('starts a manual run named <pipeline>/manual/<time> and keeps the reason', async () => {
    const result = await startEltRun(
      { source: 'shiftflow.manual', reason: 'reload after fixing files' },
      dependencies(),
    );
    expect(result).toMatchObject({
      status: 'started',
      trigger: 'manual',
      runId: 'nyc-taxi/manual/2026-11-30T17:45:12.345Z',
      reason: 'reload after fixing files',
    });
    expect(sdk.commandCalls(ExecuteStatementCommand)[0]?.args[0].input.StatementName).toBe(
      'nyc-taxi/manual/2026-11-30T17:45:12.345Z',
    );
  });

  it('skips the run and says why when a statement of the pipeline is still running', async () => {
    sdk.on(ListStatementsCommand, { Status: 'ALL' }).resolves({
      Statements: [{ Id: 'other-id', Status: 'STARTED', StatementName: 'nyc-taxi/2026-11-27T16:00:00.000Z' }],
    });
    const logger = recordingLogger();

    const result = await startEltRun(schedulerDefaultEvent, dependencies(logger));

    expect(result).toMatchObject({
      status: 'skipped',
      activeStatementId: 'other-id',
      activeStatus: 'STARTED',
      runId: 'nyc-taxi/2026-11-30T16:00:00.000Z',
    });
    expect(result.status === 'skipped' && result.skipReason).toContain('other-id');
    expect(sdk.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
    expect(
      logger.lines.some((line) => line.level === 'warn' && line.attributes.activeStatementId === 'other-id'),
    ).toBe(true);
  });

  it('reports a retried invocation whose own statement is still active as already running', async () => {
    sdk.on(ListStatementsCommand, { Status: 'ALL' }).resolves({
      Statements: [
        { Id: statementId, Status: 'SUBMITTED', StatementName: 'nyc-taxi/2026-11-30T16:00:00.000Z' },
      ],
    });
    const result = await startEltRun(schedulerDefaultEvent, dependencies());
    expect(result.status === 'skipped' && result.skipReason).toMatch(/already SUBMITTED.*earlier attempt/);
    expect(sdk.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
  });

  it('sends the same client token when the invocation is retried after the statement ended', async () => {
    const first = await startEltRun(schedulerDefaultEvent, dependencies());
    const second = await startEltRun(structuredClone(schedulerDefaultEvent), dependencies());
    const tokens = sdk.commandCalls(ExecuteStatementCommand).map((call) => call.args[0].input.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
    expect(first.status === 'started' && second.status === 'started' && first.clientToken).toBe(tokens[0]);
  });

  it('uses different tokens for different scheduled times and for manual runs', async () => {
    await startEltRun(schedulerDefaultEvent, dependencies());
    await startEltRun({ ...schedulerDefaultEvent, time: '2026-12-01T16:00:00Z' }, dependencies());
    await startEltRun(
      { source: 'shiftflow.manual', reason: 'x', runTime: '2026-11-30T16:00:00Z' },
      dependencies(),
    );
    const tokens = sdk.commandCalls(ExecuteStatementCommand).map((call) => call.args[0].input.ClientToken);
    expect(new Set(tokens).size).toBe(3);
  });

  it('throws EventParseError for a malformed event without calling the Data API', async () => {
    await expect(
      startEltRun({ source: 'aws.events', time: 'yesterday' }, dependencies()),
    ).rejects.toBeInstanceOf(EventParseError);
    await expect(startEltRun('not an event', dependencies())).rejects.toThrow(/invalid runner input/);
    expect(sdk.calls()).toHaveLength(0);
  });

  it('wraps a failing ExecuteStatement in RunStartError naming the run', async () => {
    sdk
      .on(ExecuteStatementCommand)
      .rejects(new ValidationException({ message: 'bad workgroup', $metadata: {} }));
    const error = await startEltRun(schedulerDefaultEvent, dependencies()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunStartError);
    expect(error).toMatchObject({
      code: 'RUN_START_FAILED',
      operation: 'ExecuteStatement',
      runId: 'nyc-taxi/2026-11-30T16:00:00.000Z',
      isRetryable: false,
    });
    expect((error as Error).message).toContain('bad workgroup');
  });

  it('wraps a failing ListStatements in a retryable RunStartError and starts nothing', async () => {
    sdk.on(ListStatementsCommand).rejects(
      new InternalServerException({
        Message: 'service unavailable',
        message: 'service unavailable',
        $metadata: {},
      }),
    );
    const error = await startEltRun(schedulerDefaultEvent, dependencies()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ operation: 'ListStatements', isRetryable: true });
    expect(sdk.commandCalls(ExecuteStatementCommand)).toHaveLength(0);
  });
});
