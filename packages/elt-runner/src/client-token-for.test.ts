import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientTokenFor } from './client-token-for';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('clientTokenFor', () => {
  it('is a UUID-shaped value that depends on every part of the run', () => {
    const scheduledTime = new Date('2026-11-30T16:00:00Z');
    const base = clientTokenFor({ pipelineName: 'nyc-taxi', trigger: 'scheduled', scheduledTime });
    expect(base).toMatch(uuidShape);
    expect(clientTokenFor({ pipelineName: 'nyc-taxi', trigger: 'scheduled', scheduledTime })).toBe(base);
    expect(clientTokenFor({ pipelineName: 'nyc-taxi2', trigger: 'scheduled', scheduledTime })).not.toBe(base);
    expect(clientTokenFor({ pipelineName: 'nyc-taxi', trigger: 'manual', scheduledTime })).not.toBe(base);
    expect(
      clientTokenFor({
        pipelineName: 'nyc-taxi',
        trigger: 'scheduled',
        scheduledTime: new Date(scheduledTime.getTime() + 1),
      }),
    ).not.toBe(base);
  });

  it('always produces the UUID shape', () => {
    fc.assert(
      fc.property(fc.string(), fc.date({ noInvalidDate: true }), (pipelineName, scheduledTime) => {
        expect(clientTokenFor({ pipelineName, trigger: 'scheduled', scheduledTime })).toMatch(uuidShape);
      }),
    );
  });
});
