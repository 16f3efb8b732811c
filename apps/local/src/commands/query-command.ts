import { mkdir } from 'node:fs/promises';
import { startLocalRedshift } from '@shiftflow/redshift-local';
import { formatTable, type TableCell } from '../output/format-table';
import { createLocalDataApi } from '../pipeline/create-local-data-api';
import type { CommandContext } from './command-context';

/** `shiftflow query "<sql>"`: runs SQL on the local Redshift and prints the rows as a table. */
export async function queryCommand(context: CommandContext): Promise<number> {
  const sql = context.positionals[0] ?? '';
  const config = await context.config();
  const state = await context.ensureState();
  await mkdir(state.s3, { recursive: true });
  const redshift = await startLocalRedshift({ dataDir: state.engine, s3Root: state.s3 });
  try {
    const dataApi = createLocalDataApi(redshift.endpoint, config.target);
    const rows = await dataApi.query<Record<string, TableCell>>(sql);
    if (context.json) {
      context.stdout.line(
        JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)),
      );
    } else {
      context.stdout.line(rows.length === 0 ? '(0 rows)' : formatTable(rows));
    }
    return 0;
  } finally {
    await redshift.close();
  }
}
