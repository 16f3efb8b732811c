import { describe, expect, it } from 'vitest';
import { sameValue } from './same-value';

describe('sameValue', () => {
  it('matches values that differ only in presentation', () => {
    expect(sameValue(null, 'NULL')).toBe(true);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue('t', 'true')).toBe(true);
    expect(sameValue('\\x616263', '616263')).toBe(true);
    expect(sameValue('3.141592653589793', '3.14159265358979')).toBe(true);
    expect(sameValue('60.00000000000001', '60')).toBe(true);
    expect(sameValue('20', '20.0')).toBe(true);
  });

  it('never matches a different value: the corpus exists to catch these', () => {
    expect(sameValue('16.6666666666666667', '16')).toBe(false);
    expect(sameValue('43101', '101')).toBe(false);
    expect(sameValue('2017-02-28 00:00:00', '2017-03-01 00:00:00')).toBe(false);
    expect(sameValue('f', 'true')).toBe(false);
    expect(sameValue('', 'NULL')).toBe(false);
    expect(sameValue('1.5', '1.50000000000001')).toBe(false);
  });
});
