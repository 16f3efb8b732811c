import { type RedshiftData, type StatementDescription, WaitAbortedError } from '@shiftflow/data-api';
import { formatJson } from '../output/escape-control-characters';
import { type TableCell, TableLayout } from '../output/table-layout';
import type { CommandContext } from './command-context';
import { exitCodes } from './exit-codes';
import { withLocalDataApi } from './with-local-data-api';

type Row = Record<string, TableCell>;

/**
 * `shiftflow query "<sql>"`: runs SQL on the local Redshift and prints the rows as a table (or JSON
 * with `--json`), page by page as GetStatementResult returns them. Exit code 0 when the statement
 * FINISHED, 1 when it failed (the error is thrown and printed by the CLI), 130 when Ctrl-C
 * cancelled it: the first Ctrl-C calls CancelStatement, so the engine is free at once.
 *
 * @example
 * await queryCommand(context); // prints "n\n-\n1\n(1 row)" for `shiftflow query "select 1 as n"`
 */
export async function queryCommand(context: CommandContext): Promise<number> {
  const sql = context.positionals[0] ?? '';
  return withLocalDataApi(context, 'query', async (dataApi) => {
    if (context.signal.aborted) return interrupted(context, undefined);
    const { id } = await dataApi.execute(sql);
    let description: StatementDescription;
    try {
      // cancelOnAbort: a Ctrl-C while the statement runs cancels it (CancelStatement), so it does
      // not keep the engine busy after the CLI has exited.
      description = await dataApi.wait(id, { signal: context.signal, cancelOnAbort: true });
    } catch (error) {
      if (error instanceof WaitAbortedError) return interrupted(context, error);
      throw error;
    }
    try {
      await printResult(context, dataApi, description);
    } catch (error) {
      // Ctrl-C while the pages are read: the statement has ended, only the printing stops.
      if (context.signal.aborted) return interrupted(context, undefined);
      throw error;
    }
    return 0;
  });
}

/** Says why the query stopped and whether its statement was cancelled; the exit code of Ctrl-C. */
function interrupted(context: CommandContext, error: WaitAbortedError | undefined): number {
  const reason: unknown = context.signal.reason;
  // The reader of the output went away (`| head`): nothing to tell it; the CLI exits 141.
  if (reason instanceof Error && 'code' in reason && reason.code === 'EPIPE') return exitCodes.brokenPipe;
  const why = `stopped (${describe(context.signal.reason)})`;
  context.stderr.line(
    error === undefined
      ? why
      : error.cancelled
        ? `${why}: statement ${error.statementId} cancelled`
        : `${why}: statement ${error.statementId} could not be cancelled (${error.cancelError === undefined ? 'CancelStatement answered false' : describe(error.cancelError)}); it may still be running`,
  );
  return exitCodes.interrupted;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function printResult(
  context: CommandContext,
  dataApi: RedshiftData,
  description: StatementDescription,
): Promise<void> {
  const out = context.stdout;
  const pages = description.hasResultSet
    ? dataApi.results<Row>(description.id, {
        resultFormat: description.resultFormat ?? 'JSON',
        signal: context.signal,
      })
    : undefined;
  if (context.json) {
    // One JSON array, written a page at a time with backpressure: memory stays at about one page.
    let first = true;
    await out.write('[');
    for await (const rows of pages ?? []) {
      if (rows.length === 0) continue;
      await out.write(`${first ? '' : ','}${rows.map((row) => formatJson(row)).join(',')}`);
      first = false;
    }
    await out.write(']\n');
    return;
  }
  if (pages === undefined) {
    const affected = description.resultRows ?? -1;
    out.line(
      affected >= 0
        ? `(no result set; ${affected} ${affected === 1 ? 'row' : 'rows'} affected)`
        : '(no result set)',
    );
    return;
  }
  let table: TableLayout | undefined;
  for await (const rows of pages) {
    if (rows.length === 0) continue;
    table ??= new TableLayout(Object.keys(rows[0]!));
    table.add(rows);
  }
  if (table === undefined) {
    out.line('(0 rows)');
    return;
  }
  // Written in chunks of about 64 KiB, waiting for the reader between them.
  let chunk = '';
  for (const line of table.lines()) {
    chunk += `${line}\n`;
    if (chunk.length >= 65_536) {
      await out.write(chunk);
      chunk = '';
    }
  }
  await out.write(chunk);
}
