/**
 * The WINSALES sample table of the window function pages
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_Window_functions.html#r_Window_function_example).
 */
export const winsalesSetup: readonly string[] = [
  'create table winsales (salesid int, dateid date, sellerid int, buyerid char(10), qty int, qty_shipped int)',
  `insert into winsales values (30001, '8/2/2003', 3, 'b', 10, 10), (10001, '12/24/2003', 1, 'c', 10, 10),
    (10005, '12/24/2003', 1, 'a', 30, null), (40001, '1/9/2004', 4, 'a', 40, null), (10006, '1/18/2004', 1, 'c', 10, null),
    (20001, '2/12/2004', 2, 'b', 20, 20), (40005, '2/12/2004', 4, 'a', 10, 10), (20002, '2/16/2004', 2, 'c', 20, 20),
    (30003, '4/18/2004', 3, 'b', 15, null), (30004, '4/18/2004', 3, 'b', 20, null), (30007, '9/7/2004', 3, 'c', 30, null)`,
];
