/**
 * Conditional functions: examples of the developer guide pages named in each group, with their documented results.
 */
import type { ConformanceGroup } from '../conformance-group';

export const conditionalFunctionsGroups: ConformanceGroup[] = [
  {
    page: 'r_ADD_MONTHS',
    cases: [["select add_months('2008-03-31',1)", [['2008-04-30 00:00:00']]]],
  },
  {
    page: 'r_CREATE_USER',
    cases: [
      ["select md5('ez' || 'user1')", [['153c434b4b77c89e6b94f12c5393af5b']]],
      ["select md5('\\\\'||'slashpass')", [['0c983d1a624280812631c5389e60d48c']]],
    ],
  },
  {
    page: 'r_FNV_HASH',
    cases: [
      ['select fnv_hash(1)', [['-5968735742475085980']]],
      ["select fnv_hash('Amazon Redshift')", [['7783490368944507294']]],
      ["select fnv_hash('Amazon Redshift', fnv_hash(1))", [['-2202602717770968555']]],
      ["select fnv_hash('abcd')", [['-281581062704388899']]],
      ["select fnv_hash('cd', fnv_hash('ab'))", [['-281581062704388899']]],
      ['select fnv_hash(1::smallint)', [['589727492704079044']]],
      ['select fnv_hash(1)', [['-5968735742475085980']]],
      ['select fnv_hash(1::bigint)', [['-8517097267634966620']]],
    ],
  },
  {
    page: 'r_NEXT_DAY',
    cases: [["select next_day('2014-08-20','Tuesday')", [['2014-08-26']]]],
  },
  {
    page: 'r_NVL_function',
    cases: [
      ['SELECT COALESCE(NULL, 12, NULL)', [['12']]],
      ["SELECT COALESCE(NULL, 'Amazon Redshift', NULL)", [['Amazon Redshift']]],
    ],
  },
  {
    page: 'r_STRTOL',
    cases: [["select strtol('0xf',16)", [['15']]]],
  },
  {
    page: 'r_comparison_condition',
    cases: [
      ["select time '18:25:33.123456' = time '18:25:33.123456'", [['t']]],
      ["select time '18:25:33.123456 PST' < time '19:25:33.123456 EST'", [['t']]],
    ],
  },
];
