import type { EltRunResult } from '@shiftflow/elt-runner';
import { formatNotification, type NotifyOutcome, type ReconcileReport } from '@shiftflow/notifier';
import { describe, expect, it } from 'vitest';
import { LambdaInvocationError, LocalAppError } from '../errors';
import {
  eltRunResultSchema,
  notifyOutcomeSchema,
  parseLambdaResult,
  reconcileReportSchema,
} from './parse-lambda-result';
import { notifierResultOf } from './run-signals';

const statementId = '3f0c1a52-9a3e-4d59-8a55-0a6b2f1c7e11';
const notification = formatNotification({
  pipelineName: 'nyc-taxi',
  statementId,
  statementName: 'nyc-taxi/manual/2026-11-28T10:00:00.000Z',
  state: 'FINISHED',
  trigger: 'manual',
  rowsLoaded: 42,
  durationMs: 1200,
  consoleUrl: 'https://console.aws.amazon.com/redshiftv2/home?region=us-east-1',
});
const identity = {
  pipelineName: 'nyc-taxi',
  runId: 'nyc-taxi/manual/2026-11-28T10:00:00.000Z',
  trigger: 'manual',
  scheduledTime: '2026-11-28T10:00:00.000Z',
} as const;

describe('parseLambdaResult', () => {
  it('reads back what the packages return: a started and a skipped run, every notifier outcome, a reconcile report', () => {
    const results: EltRunResult[] = [
      { ...identity, status: 'started', statementId, clientToken: 'token' },
      {
        ...identity,
        status: 'skipped',
        skipReason: 'a statement of the pipeline is still running',
        activeStatementId: statementId,
        activeStatementName: undefined,
        activeStatus: 'STARTED',
      },
    ];
    for (const result of results) {
      expect(parseLambdaResult(eltRunResultSchema, structuredClone(result), 'nyc-taxi-runner')).toEqual(
        result,
      );
    }
    const outcomes: NotifyOutcome[] = [
      { status: 'announced', statementId, messageId: 'message-1', notification },
      { status: 'already-announced', statementId },
      { status: 'in-progress', statementId },
      { status: 'ignored', statementId, reason: 'not this pipeline' },
    ];
    for (const outcome of outcomes) {
      expect(parseLambdaResult(notifyOutcomeSchema, structuredClone(outcome), 'nyc-taxi-notifier')).toEqual(
        outcome,
      );
    }
    const report: ReconcileReport = {
      examined: 3,
      announced: [statementId],
      notifications: [notification],
      alreadyAnnounced: 1,
      inProgress: 1,
    };
    expect(
      parseLambdaResult(reconcileReportSchema, JSON.parse(JSON.stringify(report)), 'nyc-taxi-reconciler'),
    ).toEqual(report);
  });

  it('refuses a result that does not fit, naming the function and the field', () => {
    const error = (() => {
      try {
        parseLambdaResult(eltRunResultSchema, { ...identity, status: 'started' }, 'nyc-taxi-runner');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LocalAppError);
    expect(error).toMatchObject({ code: 'LAMBDA_INVOCATION' });
    expect(String(error)).toMatch(/nyc-taxi-runner returned a result .*\(statementId: /);
  });
});

describe('notifierResultOf', () => {
  it('keeps a dead-lettered invocation and says when the notifier returned something else', () => {
    expect(
      notifierResultOf(
        { status: 'succeeded', requestId: 'r', attempts: 1, value: { status: 'done' } },
        'nyc-taxi-notifier',
      ),
    ).toMatchObject({
      status: 'not-understood',
      error: expect.stringMatching(/^nyc-taxi-notifier returned/),
    });
    expect(
      notifierResultOf(
        { status: 'succeeded', requestId: 'r', attempts: 1, value: { status: 'in-progress', statementId } },
        'nyc-taxi-notifier',
      ),
    ).toEqual({ status: 'succeeded', outcome: { status: 'in-progress', statementId } });
    const error = new LambdaInvocationError('nyc-taxi-notifier', 'r', 'Error', 'SNS refused');
    expect(
      notifierResultOf(
        { status: 'dead-lettered', requestId: 'r', attempts: 3, error, deadLetterFile: 'dead-letter/r.json' },
        'nyc-taxi-notifier',
      ),
    ).toEqual({ status: 'dead-lettered', error: error.message, deadLetterFile: 'dead-letter/r.json' });
  });
});
