import { describe, expect, it } from 'vitest';
import { scriptedRandom } from './__fixtures__/scripted-random';
import { tripTip } from './trip-tip';

describe('tripTip', () => {
  it('tips a card payment the drawn share of fare plus extra, in cents', () => {
    // (9.50 + 0.50) × 0.213 = 2.13
    expect(tripTip(1, 9.5, 0.5, scriptedRandom({ uniform: [0.2], normal: [0.213] }))).toBe(2.13);
  });

  it('keeps the drawn share within 5 % and 50 %', () => {
    expect(tripTip(1, 10, 0, scriptedRandom({ uniform: [0.2], normal: [0.9] }))).toBe(5);
    expect(tripTip(1, 10, 0, scriptedRandom({ uniform: [0.2], normal: [-0.1] }))).toBe(0.5);
  });

  it('records no tip for the one card payment in ten that has none, after one draw', () => {
    const random = scriptedRandom({ uniform: [0.95] });

    expect(tripTip(1, 9.5, 0.5, random)).toBe(0);
    expect(random.drawCount()).toBe(1);
  });

  it('records no tip for cash and draws nothing', () => {
    const random = scriptedRandom({});

    expect(tripTip(2, 9.5, 0.5, random)).toBe(0);
    expect(random.drawCount()).toBe(0);
  });
});
