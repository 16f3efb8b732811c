import type { RedshiftData, StatementSummary } from '@shiftflow/data-api';

const active = new Set(['SUBMITTED', 'PICKED', 'STARTED']);

/**
 * The statements the local Redshift has not ended yet (newest first, among its latest 100): after
 * `run`'s own statement ended, these are other clients' (`shiftflow query` in another terminal),
 * which the engine's single session runs before anything `run` would send next.
 *
 * @example
 * const busy = await activeStatements(pipeline.dataApi);
 * if (busy.length > 0) console.log(`busy with ${busy[0]!.queryString}`);
 */
export async function activeStatements(dataApi: RedshiftData): Promise<StatementSummary[]> {
  const found: StatementSummary[] = [];
  for await (const statement of dataApi.listStatements({ status: 'ALL', maxResults: 100 })) {
    if (statement.status !== undefined && active.has(statement.status)) found.push(statement);
  }
  return found;
}
