import { describe, expect, it } from 'vitest';
import { type CatalogQuery, findMissingSetupObjects } from './find-missing-setup-objects';
import type { SetupObject } from './setup-objects';

const objects: SetupObject[] = [
  { kind: 'table', name: 'nyc_yellow_taxi', file: 'sql/setup/001.sql' },
  { kind: 'materialized view', name: 'monthly', file: 'sql/setup/002.sql' },
  { kind: 'view', name: 'recent', file: 'sql/setup/002.sql' },
  { kind: 'procedure', name: 'run_elt_process', file: 'sql/setup/004.sql' },
];

function catalog(rows: { name: string; kind: string }[]): CatalogQuery & { sql: string[] } {
  const sql: string[] = [];
  return {
    sql,
    query: async (text: string) => {
      sql.push(text);
      return rows;
    },
  };
}

describe('findMissingSetupObjects', () => {
  it('returns nothing when the catalog has every object with the right kind', async () => {
    const dataApi = catalog([
      { name: 'nyc_yellow_taxi', kind: 'r' },
      { name: 'monthly', kind: 'm' },
      { name: 'recent', kind: 'v' },
      { name: 'run_elt_process', kind: 'procedure' },
    ]);
    expect(await findMissingSetupObjects(dataApi, objects)).toEqual([]);
    expect(dataApi.sql).toHaveLength(1);
    expect(dataApi.sql[0]).toContain("c.relname IN ('nyc_yellow_taxi', 'monthly', 'recent')");
    expect(dataApi.sql[0]).toContain("p.proname IN ('run_elt_process')");
  });

  it('names a dropped table, in setup order', async () => {
    const dataApi = catalog([
      { name: 'monthly', kind: 'm' },
      { name: 'recent', kind: 'v' },
      { name: 'run_elt_process', kind: 'procedure' },
    ]);
    expect(await findMissingSetupObjects(dataApi, objects)).toEqual([objects[0]]);
  });

  it('counts an object of another kind with the same name as missing', async () => {
    const dataApi = catalog([
      { name: 'nyc_yellow_taxi', kind: 'v' },
      { name: 'monthly', kind: 'r' },
      { name: 'recent', kind: 'v' },
    ]);
    expect(await findMissingSetupObjects(dataApi, objects)).toEqual([objects[0], objects[1], objects[3]]);
  });

  it('asks nothing when the setup creates nothing', async () => {
    const dataApi = catalog([]);
    expect(await findMissingSetupObjects(dataApi, [])).toEqual([]);
    expect(dataApi.sql).toEqual([]);
  });
});
