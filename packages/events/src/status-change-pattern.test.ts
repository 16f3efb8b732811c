import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { statusChangePattern } from './status-change-pattern';

describe('statusChangePattern', () => {
  it('matches this pipeline terminal status changes', () => {
    expect(statusChangePattern({ pipelineName: 'nyc-taxi' })).toEqual({
      source: ['aws.redshift-data'],
      'detail-type': ['Redshift Data Statement Status Change'],
      detail: { state: ['FINISHED', 'FAILED', 'ABORTED'], statementName: [{ prefix: 'nyc-taxi/' }] },
    });
  });

  it('adds a principal wildcard and chosen states', () => {
    const pattern = statusChangePattern({
      pipelineName: 'nyc-taxi',
      principal: 'arn:aws:sts::123456789012:assumed-role/Runner/*',
      states: ['FAILED'],
    });
    expect(pattern.detail.principal).toEqual([
      { wildcard: 'arn:aws:sts::123456789012:assumed-role/Runner/*' },
    ]);
    expect(pattern.detail.state).toEqual(['FAILED']);
  });

  it('rejects a bad pipeline name, an unknown state and an empty principal', () => {
    expect(() => statusChangePattern({ pipelineName: 'Nyc' })).toThrow(InvalidArgumentError);
    expect(() => statusChangePattern({ pipelineName: 'nyc', states: [] })).toThrow(/at least one/);
    // @ts-expect-error: STARTED is not a terminal state; callers in JavaScript can still pass it.
    expect(() => statusChangePattern({ pipelineName: 'nyc', states: ['STARTED'] })).toThrow(/"STARTED"/);
    expect(() => statusChangePattern({ pipelineName: 'nyc', principal: '' })).toThrow(/principal/);
  });
});
