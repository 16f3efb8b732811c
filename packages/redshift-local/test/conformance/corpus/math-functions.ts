/**
 * Math functions: examples of the developer guide pages named in each group, with their documented results.
 */
import type { ConformanceGroup } from '../conformance-group';

export const mathFunctionsGroups: ConformanceGroup[] = [
  {
    page: 'r_ABS',
    cases: [
      ['select abs (-38)', [['38']]],
      ['select abs (14-76)', [['62']]],
    ],
  },
  {
    page: 'r_ACOS',
    cases: [
      ['select acos(-1)', [['3.14159265358979']]],
      ['select (acos(.5) * 180/(select pi())) as degrees', [['60']]],
    ],
  },
  {
    page: 'r_ASIN',
    cases: [
      ['select asin(1)*2 as pi', [['3.14159265358979']]],
      ['select (asin(.5) * 180/(select pi())) as degrees', [['30']]],
    ],
  },
  {
    page: 'r_ATAN',
    cases: [
      ['select atan(1) * 4 as pi', [['3.14159265358979']]],
      ['select (atan(1) * 180/(select pi())) as degrees', [['45']]],
    ],
  },
  {
    page: 'r_ATAN2',
    cases: [
      ['select atan2(2,2) * 4 as pi', [['3.14159265358979']]],
      ['select (atan2(1,0) * 180/(select pi())) as degrees', [['90']]],
    ],
  },
  {
    page: 'r_CAST_function',
    cases: [
      ['select cast(162.00 as integer) as pricepaid', [['162']]],
      ["select cast('2008-02-18 02:36:48' as date) as mysaletime", [['2008-02-18']]],
      ['select cast(2008 as char(4))', [['2008']]],
      ['select cast(109.652 as decimal(4,1))', [['109.7']]],
    ],
  },
  {
    page: 'r_COS',
    cases: [
      ['select cos(0)', [['1']]],
      ['select cos(pi())', [['-1']]],
    ],
  },
  {
    page: 'r_COT',
    cases: [['select cot(1)', [['0.642092615934331']]]],
  },
  {
    page: 'r_DEGREES',
    cases: [
      ['select degrees(.5)', [['28.6478897565412']]],
      ['select degrees(pi())', [['180']]],
    ],
  },
  {
    page: 'r_DLOG10',
    cases: [['select dlog10(100)', [['2']]]],
  },
  {
    page: 'r_LN',
    cases: [['select ln(2.718281828)', [['0.9999999998311267']]]],
  },
  {
    page: 'r_LOG',
    cases: [['select log(100)', [['2']]]],
  },
  {
    page: 'r_MOD',
    cases: [
      ['SELECT MOD(10, 4)', [['2']]],
      ['SELECT MOD(10.5, 4)', [['2.5']]],
      ['SELECT MOD(CAST(16.4 as integer), 5)', [['1']]],
      ['SELECT mod(5,2) = 0 as is_even', [['false']]],
      ['SELECT 11 % 4 as remainder', [['3']]],
    ],
  },
  {
    page: 'r_PI',
    cases: [['select pi()', [['3.14159265358979']]]],
  },
  {
    page: 'r_RADIANS',
    cases: [['select radians(180)', [['3.14159265358979']]]],
  },
  {
    page: 'r_SIN',
    cases: [['select sin(-pi())', [['-1.22464679914735e-16']]]],
  },
  {
    page: 'r_SQRT',
    cases: [
      ['select sqrt(16)', [['4']]],
      ["select sqrt('16')", [['4']]],
      ['select sqrt(round(16.4))', [['4']]],
    ],
  },
  {
    page: 'r_STRTOL',
    cases: [["select strtol('0xf',16)", [['15']]]],
  },
  {
    page: 'r_TAN',
    cases: [['select tan(0)', [['0']]]],
  },
  {
    page: 'r_TO_NUMBER',
    cases: [
      ["select to_number('12,454.8-', '99G999D9S')", [['-12454.8']]],
      ["select to_number('$ 12,454.88', 'L 99G999D99')", [['12454.88']]],
    ],
  },
];
