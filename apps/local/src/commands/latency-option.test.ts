import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors';
import { latencyOption } from './latency-option';

describe('latencyOption', () => {
  it('leaves the latency profile off by default and for fast', () => {
    expect([latencyOption({}), latencyOption({ latency: 'fast' })]).toEqual([undefined, undefined]);
  });

  it('turns on the realistic profile with its seed', () => {
    expect(latencyOption({ latency: 'realistic', 'latency-seed': '7' })).toEqual({
      profile: 'realistic',
      seed: 7,
    });
    expect(latencyOption({ latency: 'realistic' })).toEqual({ profile: 'realistic', seed: 1 });
  });

  it('refuses an unknown profile, naming it', () => {
    expect(() => latencyOption({ latency: 'slow' })).toThrow(UsageError);
    expect(() => latencyOption({ latency: 'slow' })).toThrow(/"slow"/);
  });
});
