/**
 * String functions: examples of the developer guide pages named in each group, with their documented results.
 */
import type { ConformanceGroup } from '../conformance-group';

export const stringFunctionsGroups: ConformanceGroup[] = [
  {
    page: 'REGEXP_COUNT',
    cases: [
      ["SELECT regexp_count('abcdefghijklmnopqrstuvwxyz', '[a-z]{3}')", [['8']]],
      ["SELECT regexp_count('the fox', 'FOX', 1, 'i')", [['1']]],
      [
        "SELECT regexp_count('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', 1, 'p')",
        [['2']],
      ],
      [
        "SELECT regexp_count('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', 1, 'ip')",
        [['3']],
      ],
    ],
  },
  {
    page: 'REGEXP_INSTR',
    cases: [
      ["SELECT regexp_instr('the fox', 'FOX', 1, 1, 0, 'i')", [['5']]],
      [
        "SELECT regexp_instr('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', 1, 2, 0, 'p')",
        [['21']],
      ],
      [
        "SELECT regexp_instr('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', 1, 2, 0, 'ip')",
        [['15']],
      ],
    ],
  },
  {
    page: 'REGEXP_REPLACE',
    cases: [
      ["SELECT regexp_replace('the fox', 'FOX', 'quick brown fox', 1, 'i')", [['the quick brown fox']]],
      [
        "SELECT regexp_replace('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', '[hidden]', 1, 'p')",
        [['[hidden] plain A1234 [hidden]']],
      ],
      [
        "SELECT regexp_replace('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', '[hidden]', 1, 'ip')",
        [['[hidden] plain [hidden] [hidden]']],
      ],
    ],
  },
  {
    page: 'REGEXP_SUBSTR',
    cases: [
      ["SELECT regexp_substr('the fox', 'FOX', 1, 1, 'i')", [['fox']]],
      [
        "SELECT regexp_substr('THE SECRET CODE IS THE LOWERCASE PART OF 1931abc0EZ.', '[a-z]+', 1, 1, 'c')",
        [['abc']],
      ],
      [
        "SELECT regexp_substr('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', 1, 2, 'p')",
        [['a1234']],
      ],
      [
        "SELECT regexp_substr('passwd7 plain A1234 a1234', '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+', 1, 2, 'ip')",
        [['A1234']],
      ],
      [
        "select regexp_substr( 'This is a cat, this is a dog. This is a mouse.', 'this is a (\\\\w+)', 1, 2, 'ie')",
        [['dog']],
      ],
    ],
  },
  {
    page: 'crc32-function',
    cases: [["select crc32('Amazon Redshift')", [['f2726906']]]],
  },
  {
    page: 'r_BTRIM',
    cases: [
      ["select ' abc ' as untrim, btrim(' abc ') as trim", [['abc', 'abc']]],
      [
        "select 'xyzaxyzbxyzcxyz' as untrim, btrim('xyzaxyzbxyzcxyz', 'xyz') as trim",
        [['xyzaxyzbxyzcxyz', 'axyzbxyzc']],
      ],
    ],
  },
  {
    page: 'r_CHARINDEX',
    cases: [
      ["select charindex('dog', 'fish')", [['0']]],
      ["select charindex('fish', 'dogfish')", [['4']]],
    ],
  },
  {
    page: 'r_CONCAT',
    cases: [
      ["select concat('December 25, ', '2008')", [['December 25, 2008']]],
      ["select 'December 25, '||'2008'", [['December 25, 2008']]],
      ["select concat('Thursday, ', concat('December 25, ', '2008'))", [['Thursday, December 25, 2008']]],
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
    page: 'r_LEN',
    cases: [
      ["select octet_length('français'), len('français')", [['9', '8']]],
      ["select len('aaa'::varbyte)", [['3']]],
    ],
  },
  {
    page: 'r_MD5',
    cases: [["select md5('Amazon Redshift')", [['f7415e33f972c03abd4f3fed36748f7a']]]],
  },
  {
    page: 'r_OCTET_LENGTH',
    cases: [["select octet_length('français'), len('français')", [['9', '8']]]],
  },
  {
    page: 'r_POSITION',
    cases: [
      ["select position('dog' in 'fish')", [['0']]],
      ["select position('fish' in 'dogfish')", [['4']]],
    ],
  },
  {
    page: 'r_STRPOS',
    cases: [
      ["select strpos('dogfish', 'fist')", [['0']]],
      ["select strpos('dogfish', 'fish')", [['4']]],
    ],
  },
  {
    page: 'r_SUBSTRING',
    cases: [
      ["select substring('caterpillar',6,4)", [['pill']]],
      ["select substring('caterpillar',6,8)", [['pillar']]],
      ["select substring('caterpillar',-2,6)", [['cat']]],
      ["select cast('Fourscore and seven' as varchar(5))", [['Fours']]],
      ["select substring('abc'::varbyte, -3)", [['616263']]],
      ["select substring('abc'::varbyte, 1)", [['616263']]],
      ["select substring('abc'::varbyte, 3)", [['63']]],
      ["select substring('abc'::varbyte, 2, 10)", [['6263']]],
      ["select substring('abc'::varbyte, 2, 1)", [['62']]],
    ],
  },
  {
    page: 'r_TRANSLATE',
    cases: [["select translate('mint tea', 'inea', 'osin')", [['most tin']]]],
  },
  {
    page: 'r_TRIM',
    cases: [["select trim('\"' FROM '\"dog\"')", [['dog']]]],
  },
  {
    page: 'r_VARBYTE_OPERATORS',
    cases: [
      ["select 'a'::varbyte || 'b'::varbyte as concat", [['6162']]],
      ["select 'a'::varbyte < 'b'::varbyte as less_than", [['t']]],
      ["select 'a'::varbyte = 'b'::varbyte as equal", [['f']]],
    ],
  },
  {
    page: 'r_VARBYTE_type',
    setup: ['create table t (c char(10))', "insert into t values ('aa'), ('abc')"],
    cases: [["select 'abc'::varbyte", [['616263']]]],
  },
];
