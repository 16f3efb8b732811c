/**
 * Date time functions: examples of the developer guide pages named in each group, with their documented results.
 */
import type { ConformanceGroup } from '../conformance-group';

export const dateTimeFunctionsGroups: ConformanceGroup[] = [
  {
    page: 'CONVERT_TIMEZONE',
    cases: [
      ["select convert_timezone('EST', 'PST', '20080305 12:25:29')", [['2008-03-05 09:25:29']]],
      ["select convert_timezone('America/New_York', '2013-02-01 08:00:00')", [['2013-02-01 03:00:00']]],
      ["select convert_timezone('America/New_York', '2013-06-01 08:00:00')", [['2013-06-01 04:00:00']]],
      [
        "SELECT CONVERT_TIMEZONE('GMT','NEWZONE +2','2014-05-17 12:00:00') as newzone_plus_2, CONVERT_TIMEZONE('GMT','NEWZONE-2:15','2014-05-17 12:00:00') as newzone_minus_2_15, CONVERT_TIMEZONE('GMT','America/Los_Angeles+2','2014-05-17 12:00:00') as la_plus_2, CONVERT_TIMEZONE('GMT','GMT+2','2014-05-17 12:00:00') as gmt_plus_2",
        [['2014-05-17 10:00:00', '2014-05-17 14:15:00', '2014-05-17 10:00:00', '2014-05-17 10:00:00']],
      ],
    ],
  },
  {
    page: 'r_ADD_MONTHS',
    cases: [["select add_months('2008-03-31',1)", [['2008-04-30 00:00:00']]]],
  },
  {
    page: 'r_DATE-CONCATENATE_function',
    cases: [
      ["select date '2000-01-01' + time '20:00:00' as ts", [['2000-01-01 20:00:00']]],
      ["select date '2000-01-01' + timetz '20:00:00 PST' as ts", [['2000-01-02 04:00:00+00']]],
    ],
  },
  {
    page: 'r_DATEADD_function',
    cases: [
      ["select dateadd(month,18,'2008-02-28')", [['2009-08-28 00:00:00']]],
      ["select dateadd(m,30,'2008-02-28')", [['2008-02-28 00:30:00']]],
      ["select dateadd(hour, 8, time '13:24:55')", [['21:24:55']]],
      ["select dateadd(hour, 12, time '13:24:55')", [['01:24:55']]],
      ["select dateadd(hour, 2, timetz '13:24:55 PST')", [['23:24:55+00']]],
      ["select add_months('2008-04-30',1)", [['2008-05-31 00:00:00']]],
      ["select dateadd(month,1,'2008-04-30')", [['2008-05-30 00:00:00']]],
      ["select dateadd(month,12,'2016-02-29')", [['2017-02-28 00:00:00']]],
    ],
  },
  {
    page: 'r_DATEDIFF_function',
    cases: [
      ["select datediff(week,'2009-01-01','2009-12-31') as numweeks", [['52']]],
      ["select datediff(minute, time '20:00:00', time '21:00:00') as nummins", [['60']]],
      ["select datediff(hours, timetz '20:00:00 PST', timetz '00:58:00 EST') as numhours", [['1']]],
    ],
  },
  {
    page: 'r_DATE_PART_function',
    cases: [
      ["SELECT DATE_PART(minute, timestamp '20230104 04:05:06.789')", [['5']]],
      ["SELECT DATE_PART(week, timestamp '20220502 04:05:06.789')", [['18']]],
      ["SELECT DATE_PART(day, timestamp '20220502 04:05:06.789')", [['2']]],
      ["SELECT DATE_PART(dayofweek, timestamp '20220502 04:05:06.789')", [['1']]],
      ["SELECT DATE_PART(century, timestamp '20220502 04:05:06.789')", [['21']]],
      ["SELECT DATE_PART(millennium, timestamp '20220502 04:05:06.789')", [['3']]],
      ["SELECT DATE_PART(microsecond, timestamp '20220502 04:05:06.789')", [['789000']]],
      ["SELECT DATE_PART(month, date '20220502')", [['5']]],
    ],
  },
  {
    page: 'r_EXTRACT_function',
    cases: [
      ["select extract(minute from timestamp '2009-09-09 12:08:43')", [['8']]],
      ["select extract(ms from timestamp '2009-09-09 12:08:43.101')", [['101']]],
      ["select extract(year from timestamptz '1.12.1997 07:37:16.00 PST')", [['1997']]],
      ["select extract(ms from time '18:25:33.123456')", [['123']]],
      ["select extract(ms from timetz '18:25:33.123456 EST')", [['123']]],
      ["select extract(timezone_hour from timetz '1.12.1997 07:37:16.00 PDT')", [['-7']]],
    ],
  },
  {
    page: 'r_INTERVAL_CMP',
    cases: [
      ["select interval_cmp('3 days','1 year')", [['-1']]],
      ["select interval_cmp('7 days','1 week')", [['0']]],
    ],
  },
  {
    page: 'r_MONTHS_BETWEEN_function',
    cases: [["select months_between('1969-01-18', '1969-03-18') as months", [['-2']]]],
  },
  {
    page: 'r_NEXT_DAY',
    cases: [["select next_day('2014-08-20','Tuesday')", [['2014-08-26']]]],
  },
  {
    page: 'r_TO_CHAR',
    cases: [
      [
        "select to_char(timestamp '2009-12-31 23:15:59', 'MONTH-DY-DD-YYYY HH12:MIPM')",
        [['DECEMBER -THU-31-2009 11:15PM']],
      ],
      ["select to_char(timestamp '2009-12-31 23:15:59', 'DDD')", [['365']]],
      ["select to_char(timestamp '2022-05-16 23:15:59', 'ID')", [['1']]],
      ["select to_char(date '2009-12-31', 'MONTH')", [['DECEMBER']]],
      ["select to_char(timestamp '2009-12-31 23:15:59','HH24:MI:SS')", [['23:15:59']]],
      ["select to_char(-125.8, '999D99S')", [['125.80-']]],
      ["select to_char(-125.88, '$S999D99')", [['$-125.88']]],
      ["select to_char(-125.88, '$999D99PR')", [['$<125.88>']]],
      ["select to_char(125, 'RN')", [['CXXV']]],
    ],
  },
  {
    page: 'r_TO_DATE_function',
    cases: [["select to_date('02 Oct 2001', 'DD Mon YYYY')", [['2001-10-02']]]],
  },
  {
    page: 'r_TO_TIMESTAMP',
    cases: [
      ["SELECT TO_TIMESTAMP('2017','YYYY')", [['2017-01-01 00:00:00+00']]],
      ["SELECT TO_TIMESTAMP('2011-12-18 24:38:15', 'YYYY-MM-DD HH24:MI:SS')", [['2011-12-19 00:38:15+00']]],
    ],
  },
  {
    page: 'r_interval_literals',
    cases: [
      ["select date '2023-02-15' - interval '4 months'", [['2022-10-15 00:00:00']]],
      ["select date '2023-03-31' - interval '4 months'", [['2022-11-30 00:00:00']]],
    ],
  },
];
