import { describe, expect, it } from 'vitest';
import { mergeShapes } from './merge-shapes';

describe('mergeShapes', () => {
  it('returns a new object with the fields of both, leaving its arguments alone', () => {
    const base = { a: 1, b: 2 };
    const extra = { c: 3 };
    const merged = mergeShapes(base, extra);
    expect(merged).toEqual({ a: 1, b: 2, c: 3 });
    expect(merged).not.toBe(base);
    expect(base).toEqual({ a: 1, b: 2 });
    expect(extra).toEqual({ c: 3 });
  });

  it('lets the extra fields replace base fields of the same name', () => {
    expect(mergeShapes({ a: 1, b: 2 }, { b: 'two' })).toEqual({ a: 1, b: 'two' });
  });
});
