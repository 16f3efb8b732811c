import { describe, expect, it } from 'vitest';
import { NotEmulatedError } from './errors';
import { translateRedshiftSql } from './translate-redshift-sql';

describe('rewriteSuperNavigation', () => {
  it("turns .attr after a subscript into a jsonb subscript, keeping [n] and ['key']", () => {
    expect(translateRedshiftSql('select c.c_orders[0].o_orderkey from customer_orders_lineitem c')).toBe(
      "select c.c_orders[0]['o_orderkey'] from customer_orders_lineitem c",
    );
    expect(translateRedshiftSql('select c_orders[0].O_OrderKey.x from t')).toBe(
      "select c_orders[0]['o_orderkey']['x'] from t",
    );
    expect(translateRedshiftSql("select c['key'][1] from t")).toBe("select c['key'][1] from t");
    expect(translateRedshiftSql('select c.o[0]."Mixed" from t c')).toBe(`select c.o[0]['Mixed'] from t c`);
  });

  it('navigates dotted paths only after a FROM alias (third part on) or an unnest alias (second part on)', () => {
    expect(translateRedshiftSql('select c.c_customer.c_name, c.c_name from t c')).toBe(
      "select c.c_customer['c_name'], c.c_name from t c",
    );
    expect(translateRedshiftSql('select s.t.c, t.c from s.t')).toBe('select s.t.c, t.c from s.t');
    expect(translateRedshiftSql('select c . x . y from t c')).toBe('select c . x . y from t c');
  });

  it('turns FROM …, c.orders AS o [AT i] into a LATERAL item, with nested unnesting', () => {
    expect(
      translateRedshiftSql(
        'select c_name, orders.o_orderkey as orderkey, index as orderkey_index from customer_orders_lineitem c, c.c_orders as orders at index',
      ),
    ).toBe(
      "select c_name, orders['o_orderkey'] as orderkey, index as orderkey_index from customer_orders_lineitem c, LATERAL shiftflow_compat.super_unnest(c.c_orders) AS orders(orders, index)",
    );
    expect(translateRedshiftSql('select l.id from t as c, c.orders o, o.o_lineitems l where o.k = 1')).toBe(
      "select l['id'] from t as c, LATERAL pg_catalog.jsonb_array_elements(shiftflow_compat.super_array(c.orders)) AS o(o), LATERAL pg_catalog.jsonb_array_elements(shiftflow_compat.super_array(o['o_lineitems'])) AS l(l) where o['k'] = pg_catalog.to_jsonb(1)",
    );
  });

  it('is idempotent and leaves schema-qualified FROM items alone', () => {
    const once = translateRedshiftSql('select o.id, i from t c, c.orders as o at i');
    expect(translateRedshiftSql(once)).toBe(once);
    const plain = 'select a.x from t a, public.u b';
    expect(translateRedshiftSql(plain)).toBe(plain);
  });

  it('still refuses AT after a FROM item that is not an unnesting, and UNPIVOT, by name', () => {
    expect(() => translateRedshiftSql('select 1 from t as c at i')).toThrow(NotEmulatedError);
    expect(() => translateRedshiftSql('select attr from t c, unpivot c.c_orders[0] as val at attr')).toThrow(
      'UNPIVOT',
    );
  });
});

describe('rewriteSuperNavigation after a call', () => {
  it('puts a subscripted call in parentheses and leaves PostgreSQL subscripts alone', () => {
    expect(translateRedshiftSql(`select json_parse('[{"a":1}]')[0].a`)).toBe(
      `select (json_parse('[{"a":1}]'))[0]['a']`,
    );
    for (const sql of ['select (arr)[1] from t', 'select(arr)[1] from t', 'select (f(x))[1]']) {
      expect(translateRedshiftSql(sql)).toBe(sql);
    }
  });
});

describe('rewriteSuperNavigation comparisons', () => {
  it('compares a navigated SUPER value with a string or number literal as SUPER', () => {
    expect(translateRedshiftSql("select 1 from t c where c.o[0].status = 'F' and c.o[0].k >= 3")).toBe(
      "select 1 from t c where c.o[0]['status'] = pg_catalog.to_jsonb('F'::text) and c.o[0]['k'] >= pg_catalog.to_jsonb(3)",
    );
    expect(translateRedshiftSql("select 1 from t c, c.o p where p = 'x'")).toBe(
      "select 1 from t c, LATERAL pg_catalog.jsonb_array_elements(shiftflow_compat.super_array(c.o)) AS p(p) where p = pg_catalog.to_jsonb('x'::text)",
    );
    const plain = "select 1 from t where a[1] = 'x' and t.b = 2";
    expect(translateRedshiftSql(plain)).toBe(plain);
  });
});

describe('rewriteSuperNavigation casts and parentheses', () => {
  it('reads a navigated SUPER scalar as text before a cast to a character or date type', () => {
    expect(translateRedshiftSql('select c.o[0].name::varchar, c.o[0].n::int from t c')).toBe(
      "select (c.o[0]['name'] #>> '{}')::varchar, c.o[0]['n']::int from t c",
    );
    expect(translateRedshiftSql('select p::varchar(20) from t c, c.o p')).toBe(
      "select (p #>> '{}')::varchar(20) from t c, LATERAL pg_catalog.jsonb_array_elements(shiftflow_compat.super_array(c.o)) AS p(p)",
    );
  });

  it('navigates after a parenthesised expression without adding parentheses', () => {
    expect(translateRedshiftSql('select (c.o)[0].name from t c')).toBe("select (c.o)[0]['name'] from t c");
  });
});

describe('UNNEST(super) in FROM', () => {
  it('navigates after the alias of an UNNEST call and refuses WITH OFFSET by name', () => {
    expect(translateRedshiftSql('select u.product.id from orders o, unnest(o.products) as u(product)')).toBe(
      "select u.product['id'] from orders o, unnest(o.products) as u(product)",
    );
    expect(() =>
      translateRedshiftSql(
        'select p.product from orders o, unnest(o.products) with offset as p(product, idx)',
      ),
    ).toThrow('UNNEST … WITH OFFSET');
  });
});

describe('rewriteSuperNavigation in bodies', () => {
  it('navigates in the statements of a procedure body', () => {
    const sql =
      'create procedure p() as $$ declare v varchar; begin select c.o[0].name into v from t c; end $$ language plpgsql';
    expect(translateRedshiftSql(sql)).toContain("select c.o[0]['name'] into v from t c;");
  });
});

describe('unnesting after a table without an alias', () => {
  it('unnests FROM t, t.orders o and leaves FROM s.t, s.u x alone', () => {
    expect(translateRedshiftSql('select o.id from t, t.orders o')).toBe(
      "select o['id'] from t, LATERAL pg_catalog.jsonb_array_elements(shiftflow_compat.super_array(t.orders)) AS o(o)",
    );
    const plain = 'select x.id from s.t, s.u x';
    expect(translateRedshiftSql(plain)).toBe(plain);
  });
});
