import { describe, expect, it } from 'vitest';
import { cronFields } from './cron-fields';
import { CronFieldProblem, readCronList, readCronValue } from './read-cron-list';

describe('readCronValue', () => {
  it('reads a number in range and a name in any case', () => {
    expect(readCronValue(cronFields.hour, '23')).toBe(23);
    expect(readCronValue(cronFields.month, 'mar')).toBe(3);
    expect(readCronValue(cronFields.dayOfWeek, 'SUN')).toBe(1);
  });

  it('refuses a value outside the field, naming it and the range', () => {
    expect(() => readCronValue(cronFields.hour, '25')).toThrow(
      new CronFieldProblem('has hours value "25" outside 0-23'),
    );
  });
});

describe('readCronList', () => {
  it('returns the items with their form and step, and the values they select', () => {
    const { items, values } = readCronList(cronFields.dayOfWeek, 'MON-WED,FRI,*/3');
    expect(items).toEqual([
      { form: 'range', start: 2, end: 4, step: 1, stepped: false },
      { form: 'value', start: 6, end: 6, step: 1, stepped: false },
      { form: 'all', start: 1, end: 7, step: 3, stepped: true },
    ]);
    expect([...values].sort()).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('refuses L, W or # in a list, and an empty item', () => {
    expect(() => readCronList(cronFields.minute, '5L')).toThrow(CronFieldProblem);
    expect(() => readCronList(cronFields.minute, '1,,2')).toThrow('has an empty item in minutes "1,,2"');
  });
});
