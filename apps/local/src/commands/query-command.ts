import { formatTable, type TableCell } from '../output/format-table';
import type { CommandContext } from './command-context';
import { withLocalDataApi } from './with-local-data-api';

/** `shiftflow query "<sql>"`: runs SQL on the local Redshift and prints the rows as a table. */
export async function queryCommand(context: CommandContext): Promise<number> {
  const sql = context.positionals[0] ?? '';
  const rows = await withLocalDataApi(context, 'query', (dataApi) =>
    dataApi.query<Record<string, TableCell>>(sql),
  );
  if (context.json) {
    context.stdout.line(
      JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)),
    );
  } else {
    context.stdout.line(rows.length === 0 ? '(0 rows)' : formatTable(rows));
  }
  return 0;
}
