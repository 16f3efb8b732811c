/**
 * Conditional functions: examples of the developer guide pages named in each group, with their documented results.
 */
import type { ConformanceGroup } from '../conformance-group';

export const conditionalFunctionsGroups: ConformanceGroup[] = [
  {
    page: 'r_ABORT',
    setup: ['create table movie_gross( name varchar(30), gross bigint )'],
    cases: [['select * from movie_gross', []]],
  },
  {
    page: 'r_Boolean_type',
    setup: [
      'create table customer( custid int, active_flag boolean default true)',
      'insert into customer values(100, default)',
    ],
    cases: [['select * from customer', [['100', 't']]]],
  },
  {
    page: 'r_COLLATE',
    setup: [
      'CREATE TABLE T ( col1 Varchar(20) COLLATE case_sensitive )',
      "INSERT INTO T VALUES ('john'),('JOHN')",
    ],
    cases: [["SELECT * FROM T WHERE col1 = 'john'", [['john']]]],
  },
  {
    page: 'r_CREATE_USER',
    cases: [
      ["select md5('ez' || 'user1')", [['153c434b4b77c89e6b94f12c5393af5b']]],
      ["select md5('\\\\'||'slashpass')", [['0c983d1a624280812631c5389e60d48c']]],
    ],
  },
  {
    page: 'r_Examples_with_datetime_types',
    setup: [
      'create table datetable (start_date date, end_date date)',
      "insert into datetable values ('2008-06-01','2008-12-31')",
      "insert into datetable values ('Jun 1,2008','20081231')",
      'create table tstamp(timeofday timestamp, timeofdaytz timestamptz)',
      "insert into tstamp values('Jun 1,2008 09:59:59', 'Jun 1,2008 09:59:59 EST' )",
      "insert into tstamp values('Dec 31,2008 18:20','Dec 31,2008 18:20')",
      "insert into tstamp values('Jun 1,2008 09:59:59 EST', 'Jun 1,2008 09:59:59')",
    ],
    cases: [
      [
        'select * from datetable order by 1',
        [
          ['2008-06-01', '2008-12-31'],
          ['2008-06-01', '2008-12-31'],
        ],
      ],
    ],
  },
  {
    page: 'r_GROUP_BY_aggregation-extensions',
    setup: [
      'CREATE TABLE ORDERS ( ID INT, PRODUCT CHAR(20), CATEGORY CHAR(20), PRE_OWNED CHAR(1), COST DECIMAL )',
      "INSERT INTO ORDERS VALUES (0, 'laptop', 'computers', 'T', 1000), (1, 'smartphone', 'cellphones', 'T', 800), (2, 'smartphone', 'cellphones', 'T', 810), (3, 'laptop', 'computers', 'F', 1050), (4, 'mouse', 'computers', 'F', 50)",
    ],
    cases: [
      [
        'SELECT category, product, sum(cost) as total FROM orders GROUP BY GROUPING SETS(category, product)',
        [
          ['computers', '', '2100'],
          ['cellphones', '', '1610'],
          ['', 'laptop', '2050'],
          ['', 'smartphone', '1610'],
          ['', 'mouse', '50'],
        ],
      ],
      [
        'SELECT category, product, sum(cost) as total FROM orders GROUP BY ROLLUP(category, product) ORDER BY 1,2',
        [
          ['cellphones', 'smartphone', '1610'],
          ['cellphones', '', '1610'],
          ['computers', 'laptop', '2050'],
          ['computers', 'mouse', '50'],
          ['computers', '', '2100'],
          ['', '', '3710'],
        ],
      ],
      [
        'SELECT category, product, sum(cost) as total FROM orders GROUP BY CUBE(category, product) ORDER BY 1,2',
        [
          ['cellphones', 'smartphone', '1610'],
          ['cellphones', '', '1610'],
          ['computers', 'laptop', '2050'],
          ['computers', 'mouse', '50'],
          ['computers', '', '2100'],
          ['', 'laptop', '2050'],
          ['', 'mouse', '50'],
          ['', 'smartphone', '1610'],
          ['', '', '3710'],
        ],
      ],
      [
        'SELECT category, product, GROUPING(category) as grouping0, GROUPING(product) as grouping1, GROUPING(category, product) as grouping2, sum(cost) as total FROM orders GROUP BY CUBE(category, product) ORDER BY 3,1,2',
        [
          ['cellphones', 'smartphone', '0', '0', '0', '1610'],
          ['cellphones', '', '0', '1', '1', '1610'],
          ['computers', 'laptop', '0', '0', '0', '2050'],
          ['computers', 'mouse', '0', '0', '0', '50'],
          ['computers', '', '0', '1', '1', '2100'],
          ['', 'laptop', '1', '0', '2', '2050'],
          ['', 'mouse', '1', '0', '2', '50'],
          ['', 'smartphone', '1', '0', '2', '1610'],
          ['', '', '1', '1', '3', '3710'],
        ],
      ],
      [
        'SELECT pre_owned, category, product, GROUPING(category, product, pre_owned) as group_id, sum(cost) as total FROM orders GROUP BY pre_owned, ROLLUP(category, product) ORDER BY 4,1,2,3',
        [
          ['F', 'computers', 'laptop', '0', '1050'],
          ['F', 'computers', 'mouse', '0', '50'],
          ['T', 'cellphones', 'smartphone', '0', '1610'],
          ['T', 'computers', 'laptop', '0', '1000'],
          ['F', 'computers', '', '2', '1100'],
          ['T', 'cellphones', '', '2', '1610'],
          ['T', 'computers', '', '2', '1000'],
          ['F', '', '', '6', '1100'],
          ['T', '', '', '6', '2610'],
        ],
      ],
      [
        'SELECT pre_owned, category, product, GROUPING(category, product, pre_owned) as group_id, sum(cost) as total FROM orders GROUP BY CUBE(category, product), GROUPING SETS(pre_owned, ()) ORDER BY 4,1,2,3',
        [
          ['F', 'computers', 'laptop', '0', '1050'],
          ['F', 'computers', 'mouse', '0', '50'],
          ['T', 'cellphones', 'smartphone', '0', '1610'],
          ['T', 'computers', 'laptop', '0', '1000'],
          ['', 'cellphones', 'smartphone', '1', '1610'],
          ['', 'computers', 'laptop', '1', '2050'],
          ['', 'computers', 'mouse', '1', '50'],
          ['F', 'computers', '', '2', '1100'],
          ['T', 'cellphones', '', '2', '1610'],
          ['T', 'computers', '', '2', '1000'],
          ['', 'cellphones', '', '3', '1610'],
          ['', 'computers', '', '3', '2100'],
          ['F', '', 'laptop', '4', '1050'],
          ['F', '', 'mouse', '4', '50'],
          ['T', '', 'laptop', '4', '1000'],
          ['T', '', 'smartphone', '4', '1610'],
          ['', '', 'laptop', '5', '2050'],
          ['', '', 'mouse', '5', '50'],
          ['', '', 'smartphone', '5', '1610'],
          ['F', '', '', '6', '1100'],
          ['T', '', '', '6', '2610'],
          ['', '', '', '7', '3710'],
        ],
      ],
      [
        'SELECT category, product, pre_owned, GROUPING(category, product, pre_owned) as group_id, sum(cost) as total FROM orders GROUP BY GROUPING SETS(ROLLUP(category), CUBE(product, pre_owned)) ORDER BY 4,1,2,3',
        [
          ['cellphones', '', '', '3', '1610'],
          ['computers', '', '', '3', '2100'],
          ['', 'laptop', 'F', '4', '1050'],
          ['', 'laptop', 'T', '4', '1000'],
          ['', 'mouse', 'F', '4', '50'],
          ['', 'smartphone', 'T', '4', '1610'],
          ['', 'laptop', '', '5', '2050'],
          ['', 'mouse', '', '5', '50'],
          ['', 'smartphone', '', '5', '1610'],
          ['', '', 'F', '6', '1100'],
          ['', '', 'T', '6', '2610'],
          ['', '', '', '7', '3710'],
          ['', '', '', '7', '3710'],
        ],
      ],
    ],
  },
  {
    page: 'r_NVL_function',
    setup: [
      'create table datetable (start_date date, end_date date)',
      "insert into datetable values ('2008-06-01','2008-12-31')",
      "insert into datetable values (null,'2008-12-31')",
      "insert into datetable values ('2008-12-31',null)",
      'create table booking_info (booking_id int, booking_code character(8), check_in date, check_out date, funds_collected numeric(12,2))',
      "insert into booking_info values (1, 'OCEAN_WV', '2023-02-01','2023-02-03',100.00)",
      "insert into booking_info values (2, 'OCEAN_WV', '2023-04-22','2023-04-26',120.00)",
      "insert into booking_info values (3, 'DSRT_SUN', '2023-03-13','2023-03-16',125.00)",
      "insert into booking_info values (4, 'DSRT_SUN', '2023-06-01','2023-06-03',140.00)",
      "insert into booking_info values (5, 'DSRT_SUN', '2023-07-10',null,null)",
      "insert into booking_info values (6, 'OCEAN_WV', '2023-08-15',null,null)",
    ],
    cases: [
      ['SELECT COALESCE(NULL, 12, NULL)', [['12']]],
      ["SELECT COALESCE(NULL, 'Amazon Redshift', NULL)", [['Amazon Redshift']]],
      [
        'select nvl(start_date, end_date) from datetable order by 1',
        [['2008-06-01'], ['2008-12-31'], ['2008-12-31']],
      ],
    ],
  },
  {
    page: 'r_ROLLBACK',
    setup: ['create table movie_gross( name varchar(30), gross bigint )'],
    cases: [['select * from movie_gross', []]],
  },
  {
    page: 'r_comparison_condition',
    cases: [
      ["select time '18:25:33.123456' = time '18:25:33.123456'", [['t']]],
      ["select time '18:25:33.123456 PST' < time '19:25:33.123456 EST'", [['t']]],
    ],
  },
  {
    page: 'r_names',
    setup: [
      'create table "group" ( "This ""IS IT""" char(10))',
      'create table if not exists city_slash_id( "city/id" integer not null, state char(2) not null)',
    ],
    cases: [['select "This ""IS IT""" from "group"', []]],
  },
];
