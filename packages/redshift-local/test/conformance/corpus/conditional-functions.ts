/**
 * Conditional functions: examples of the developer guide pages named in each group, with their documented results.
 */
import type { ConformanceGroup } from '../conformance-group';

export const conditionalFunctionsGroups: ConformanceGroup[] = [
  {
    page: 'r_CREATE_USER',
    cases: [
      ["select md5('ez' || 'user1')", [['153c434b4b77c89e6b94f12c5393af5b']]],
      ["select md5('\\\\'||'slashpass')", [['0c983d1a624280812631c5389e60d48c']]],
    ],
  },
  {
    page: 'r_NVL_function',
    cases: [
      ['SELECT COALESCE(NULL, 12, NULL)', [['12']]],
      ["SELECT COALESCE(NULL, 'Amazon Redshift', NULL)", [['Amazon Redshift']]],
    ],
  },
  {
    page: 'r_comparison_condition',
    cases: [
      ["select time '18:25:33.123456' = time '18:25:33.123456'", [['t']]],
      ["select time '18:25:33.123456 PST' < time '19:25:33.123456 EST'", [['t']]],
    ],
  },
];
