/**
 * SUPER navigation and PartiQL unnesting, from the developer guide pages each group names. r_FROM_clause-unnest-examples
 * documents its data (the ORDERS table) and the rows of its unnesting queries; the PartiQL forms here
 * (`FROM orders o, o.products p [AT i]`) return the same elements, so their expected rows are that page's rows
 * (products by order, index from 0), with navigation into them (SUPER strings print with their double quotes).
 * query-super's examples run on the TPC-H sample data, not available locally: one row of the same shape stands in.
 * UNPIVOT stays refused by name.
 */
import type { ConformanceGroup } from '../conformance-group';

const ordersSetup = [
  'CREATE TABLE orders (order_id INT, products SUPER)',
  `INSERT INTO orders VALUES
(1001, JSON_PARSE('[{"product_id": "P456", "name": "Monitor", "price": 299.99, "quantity": 1, "specs": {"size": "27 inch", "resolution": "4K"}}]')),
(1002, JSON_PARSE('[{"product_id": "P567", "name": "USB Cable", "price": 9.99, "quantity": 3}, {"product_id": "P678", "name": "Headphones", "price": 159.99, "quantity": 1, "specs": {"type": "Wireless", "battery_life": "20 hours"}}]'))`,
];

export const superQueryGroups: ConformanceGroup[] = [
  {
    page: 'r_FROM_clause-unnest-examples',
    setup: ordersSetup,
    cases: [
      [
        'SELECT o.order_id, p.product_id FROM orders o, o.products p',
        [
          ['1001', '"P456"'],
          ['1002', '"P567"'],
          ['1002', '"P678"'],
        ],
      ],
      [
        'SELECT o.order_id, p.name, idx FROM orders AS o, o.products AS p AT idx',
        [
          ['1001', '"Monitor"', '0'],
          ['1002', '"USB Cable"', '0'],
          ['1002', '"Headphones"', '1'],
        ],
      ],
      ['SELECT SUM(p.quantity::int) FROM orders o, o.products p', [['5']]],
      ['SELECT COUNT(*) FROM orders, orders.products p', [['3']]],
      [
        'SELECT o.order_id, unnested_products.product.product_id FROM orders o, UNNEST(o.products) AS unnested_products(product)',
        [
          ['1001', '"P456"'],
          ['1002', '"P567"'],
          ['1002', '"P678"'],
        ],
      ],
      [
        'SELECT COUNT(*) FROM orders o, UNNEST(o.products) AS u(product) WHERE u.product.price::float < 100',
        [['1']],
      ],
      ['SELECT COUNT(*) FROM orders o, o.products p WHERE p.price::float > 100', [['2']]],
      ['SELECT p.specs.type FROM orders o, o.products p WHERE p.specs.type IS NOT NULL', [['"Wireless"']]],
      [
        'SELECT order_id, products[1].name FROM orders',
        [
          ['1001', null],
          ['1002', '"Headphones"'],
        ],
      ],
      ['SELECT o.products[0].specs.size FROM orders o WHERE o.order_id = 1001', [['"27 inch"']]],
      ['SELECT o.products[0].specs.size FROM orders o WHERE o.order_id = 1002', [[null]]],
      ["SELECT o.products[0]['product_id'] FROM orders o WHERE o.order_id = 1001", [['"P456"']]],
      ['SELECT o.products[0].name.first FROM orders o WHERE o.order_id = 1001', [[null]]],
      ["SELECT o.order_id, i FROM orders o, o.products p AT i WHERE p.product_id = 'P678'", [['1002', '1']]],
      ['SELECT p.name FROM orders o, o.products p WHERE p.quantity = 3', [['"USB Cable"']]],
      [
        'SELECT p.name::varchar, p.specs.battery_life::varchar(20) FROM orders o, o.products p WHERE p.quantity = 1',
        [
          ['Monitor', null],
          ['Headphones', '20 hours'],
        ],
      ],
      ['SELECT SUM(p.price::decimal(8,2)) FROM orders o, o.products p', [['469.97']]],
      ["SELECT COUNT(*) FROM orders o, o.products p WHERE p.specs.size = '27 inch'", [['1']]],
    ],
  },
  {
    page: 'query-super',
    setup: [
      'create table customer_orders_lineitem (c_custkey bigint, c_name varchar, c_orders super)',
      `insert into customer_orders_lineitem values (9451, 'Customer#000009451', json_parse('[{"o_orderkey": 5, "o_orderstatus": "F", "o_lineitems": [{"l_partkey": 10}, {"l_partkey": 20}]}, {"o_orderkey": 7, "o_orderstatus": "O", "o_lineitems": []}]'))`,
    ],
    cases: [
      ['SELECT c_orders[0].o_orderkey FROM customer_orders_lineitem', [['5']]],
      ['SELECT JSON_PARSE(\'[{"a": {"b": 1}}]\')[0].a.b', [['1']]],
      ["SELECT JSON_PARSE('[1, 2]')[0].a", [[null]]],
      ['SELECT cust.c_orders[0].o_orderkey FROM customer_orders_lineitem AS cust', [['5']]],
      [
        "SELECT c_name FROM customer_orders_lineitem c WHERE c.c_orders[0].o_orderstatus = 'F'",
        [['Customer#000009451']],
      ],
      ["SELECT c_name FROM customer_orders_lineitem c WHERE c.c_orders[1].o_orderstatus = 'F'", []],
      [
        'SELECT c_name, orders.o_orderkey AS orderkey, index AS orderkey_index FROM customer_orders_lineitem c, c.c_orders AS orders AT index',
        [
          ['Customer#000009451', '5', '0'],
          ['Customer#000009451', '7', '1'],
        ],
      ],
      [
        'SELECT o.o_orderkey, l.l_partkey FROM customer_orders_lineitem c, c.c_orders o, o.o_lineitems l',
        [
          ['5', '10'],
          ['5', '20'],
        ],
      ],
      [
        'SELECT attr AS attribute_name, json_typeof(val) AS value_type FROM customer_orders_lineitem c, c.c_orders AS o, UNPIVOT o AS val AT attr WHERE c_custkey = 9451',
        [],
      ],
    ],
  },
];
