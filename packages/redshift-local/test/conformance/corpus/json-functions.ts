/**
 * Json functions: examples of the developer guide pages named in each group, with their documented results.
 */
import type { ConformanceGroup } from '../conformance-group';

export const jsonFunctionsGroups: ConformanceGroup[] = [
  {
    page: 'JSON_ARRAY_LENGTH',
    cases: [['select json_array_length(\'[11,12,13,{"f1":21,"f2":[25,26]},14]\')', [['5']]]],
  },
  {
    page: 'JSON_EXTRACT_ARRAY_ELEMENT_TEXT',
    cases: [["select json_extract_array_element_text('[111,112,113]', 2)", [['113']]]],
  },
  {
    page: 'JSON_EXTRACT_PATH_TEXT',
    cases: [
      [
        'select json_extract_path_text(\'{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}}\',\'f4\', \'f6\')',
        [['star']],
      ],
      [
        'select json_extract_path_text(\'{ "farm": { "barn": { "color": "red", "feed stocked": true } } }\', \'farm\', \'barn\', \'color\')',
        [['red']],
      ],
      ["select json_extract_path_text('{ \"farm\": { \"barn\": {} } }', 'farm', 'barn', 'color')", [[null]]],
      [
        'select json_extract_path_text(\'{ "house": { "address": { "street": "123 Any St.", "city": "Any Town", "state": "FL", "zip": "32830" }, "bathroom": { "color": "green", "shower": true }, "appliances": { "washing machine": { "brand": "Any Brand", "color": "beige" }, "dryer": { "brand": "Any Brand", "color": "white" } } } }\', \'house\', \'appliances\', \'washing machine\', \'brand\')',
        [['Any Brand']],
      ],
    ],
  },
  {
    page: 'JSON_PARSE',
    cases: [['SELECT JSON_TYPEOF(JSON_PARSE(\'[10001,10002,"abc"]\'))', [['array']]]],
  },
  {
    page: 'JSON_SERIALIZE',
    cases: [['SELECT JSON_SERIALIZE(JSON_PARSE(\'[10001,10002,"abc"]\'))', [['[10001,10002,"abc"]']]]],
  },
  {
    page: 'get_array_length',
    cases: [['SELECT GET_ARRAY_LENGTH(ARRAY(1,2,3,4,5,6,7,8,9,10))', [['10']]]],
  },
  {
    page: 'limitations-super',
    cases: [['SELECT 5::bool', [['True']]]],
  },
  {
    page: 'r_is_array',
    cases: [["SELECT is_array(JSON_PARSE('[1,2]'))", [['True']]]],
  },
  {
    page: 'r_json_size',
    cases: [['SELECT JSON_SIZE(JSON_PARSE(\'[10001,10002,"⬤"]\'))', [['19']]]],
  },
  {
    page: 'r_json_typeof',
    cases: [
      ['SELECT JSON_TYPEOF(ARRAY(1,2))', [['array']]],
      ['SELECT JSON_TYPEOF(JSON_PARSE(\'{"name":"Joe"}\'))', [['object']]],
    ],
  },
];
