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
    page: 'limitations-super',
    cases: [['SELECT 5::bool', [['True']]]],
  },
];
