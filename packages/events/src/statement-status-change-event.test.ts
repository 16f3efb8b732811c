import { describe, expect, it } from 'vitest';
import failedEvent from './__fixtures__/status-change-failed.json';
import finishedEvent from './__fixtures__/status-change-finished.json';
import { EventParseError } from './errors';
import { parseStatementStatusChangeEvent } from './statement-status-change-event';

describe('parseStatementStatusChangeEvent', () => {
  it('parses the documented FINISHED event', () => {
    const event = parseStatementStatusChangeEvent(finishedEvent);
    expect(event.detail).toMatchObject({
      state: 'FINISHED',
      statementId: 'dd2e1ec9-2ee3-49a0-819f-905fa7d75a4a',
      rows: 1,
    });
  });

  it('parses a FAILED event of a pipeline run', () => {
    const event = parseStatementStatusChangeEvent(failedEvent);
    expect(event.detail.state).toBe('FAILED');
    expect(event.detail.statementName).toBe('nyc-taxi/2026-11-30T16:00:00.000Z');
  });

  it('lists every failing path with the value found there', () => {
    const broken = {
      ...finishedEvent,
      source: 'aws.redshift',
      detail: { ...finishedEvent.detail, state: 'STARTED', statementId: '' },
    };
    let caught: unknown;
    try {
      parseStatementStatusChangeEvent(broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventParseError);
    const issues = (caught as EventParseError).issues;
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'detail.state',
      'detail.statementId',
      'source',
    ]);
    expect(issues.find((issue) => issue.path === 'detail.state')?.value).toBe('STARTED');
    expect((caught as EventParseError).message).toContain('detail.state');
    expect((caught as EventParseError).message).toContain('"STARTED"');
    expect((caught as EventParseError).code).toBe('EVENT_PARSE_FAILED');
  });

  it('rejects a scheduled event', () => {
    expect(() => parseStatementStatusChangeEvent({ source: 'aws.events', detail: {} })).toThrow(
      EventParseError,
    );
  });
});
