import { describe, expect, it } from 'vitest';
import { tableColumnsFromSql } from './table-columns-from-sql';

describe('tableColumnsFromSql', () => {
  it('reads the column names in order, skipping comments, types with commas and constraints', () => {
    const sql = `-- trips
      CREATE TABLE IF NOT EXISTS public.nyc_yellow_taxi (
        vendorid VARCHAR(20), /* who */
        pickup_date DATE NOT NULL,
        fare_amount DECIMAL(10, 2) ENCODE az64,
        "Total_Amount" FLOAT4,
        PRIMARY KEY (vendorid)
      ) SORTKEY (pickup_date);`;

    expect(tableColumnsFromSql(sql, 'nyc_yellow_taxi')).toEqual([
      'vendorid',
      'pickup_date',
      'fare_amount',
      'total_amount',
    ]);
  });

  it('follows (LIKE other) to the other table, as in a temporary table made (LIKE nyc_yellow_taxi)', () => {
    const sql = `CREATE TABLE IF NOT EXISTS nyc_yellow_taxi (pickup_date DATE, fare_amount FLOAT4) SORTKEY (pickup_date);
      CREATE PROCEDURE p() AS $$ BEGIN
        CREATE TEMP TABLE nyc_yellow_taxi_staging (LIKE public.nyc_yellow_taxi INCLUDING DEFAULTS);
      END; $$ LANGUAGE plpgsql;`;
    expect(tableColumnsFromSql(sql, 'nyc_yellow_taxi_staging')).toEqual(['pickup_date', 'fare_amount']);
    expect(tableColumnsFromSql('CREATE TABLE loop (LIKE loop);', 'loop')).toEqual([]);
  });

  it('returns undefined when the text does not create that table', () => {
    expect(tableColumnsFromSql('CREATE TABLE other (a INT);', 'nyc_yellow_taxi')).toBeUndefined();
  });
});
