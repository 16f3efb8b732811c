import { useState } from 'preact/hooks';
import type { Cell, SqlResult } from '../../console-api';
import { ConsoleRequestError } from '../api-client';
import { ColumnHeaders } from '../components/column-headers';
import { LoadState, Notice } from '../components/notice';
import { StatusBadge } from '../components/status-badge';
import { consoleApi } from '../console-client';
import { formatCount, formatDuration, formatTime } from '../format';
import { useResource } from '../use-resource';

const example =
  'SELECT pickup_month, total_trips, avg_fare, avg_distance\nFROM nyc_yellow_taxi_volume_analysis\nORDER BY pickup_month;';

/** The result on screen: one page, the tokens of the pages before it (for Previous). */
interface ShownResult {
  page: SqlResult;
  /** `pageTokens[i]` fetched page i (null: the first page, from POST /api/sql). */
  pageTokens: (string | null)[];
  firstPage: SqlResult;
}

function CellView({ value }: { value: Cell }) {
  if (value === null) return <td class="null">NULL</td>;
  if (typeof value === 'number') return <td class="number">{String(value)}</td>;
  return <td>{String(value)}</td>;
}

function ResultTable({
  shown,
  onPage,
  busy,
}: {
  shown: ShownResult;
  onPage: (index: number) => void;
  busy: boolean;
}) {
  const { page, pageTokens } = shown;
  const index = pageTokens.length - 1;
  const pageSize = shown.firstPage.rows.length;
  const first = index * pageSize;
  return (
    <section aria-labelledby="result-heading">
      <h2 id="result-heading">Result</h2>
      <p class="muted" data-testid="result-summary">
        {page.hasResultSet
          ? `${formatCount(page.totalRows)} row${page.totalRows === 1 ? '' : 's'}`
          : `${page.totalRows < 0 ? 'unknown' : formatCount(page.totalRows)} rows affected`}{' '}
        · {formatDuration(page.durationMs)} · statement <span class="mono">{page.statementId}</span>
      </p>
      {page.columns.length > 0 && (
        <div class="table-wrap">
          <table data-testid="result-table">
            <ColumnHeaders columns={page.columns} />
            <tbody>
              {page.rows.map((row, rowIndex) => (
                <tr key={first + rowIndex}>
                  {row.map((value, column) => (
                    <CellView key={page.columns[column]?.name ?? column} value={value} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(index > 0 || page.nextToken !== null) && (
        <nav class="pager" aria-label="Result pages">
          <button
            type="button"
            class="secondary"
            disabled={busy || index === 0}
            onClick={() => onPage(index - 1)}
          >
            Previous page
          </button>
          <span data-testid="result-page">
            Page {index + 1} · rows {formatCount(first + 1)}–{formatCount(first + page.rows.length)} of{' '}
            {formatCount(page.totalRows)}
          </span>
          <button
            type="button"
            class="secondary"
            disabled={busy || page.nextToken === null}
            onClick={() => onPage(index + 1)}
          >
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}

function SqlHistory({
  history,
  onPick,
}: {
  history: ReturnType<typeof useHistory>;
  onPick: (sql: string) => void;
}) {
  const entries = history.data?.entries ?? [];
  return (
    <section class="panel history-panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <LoadState error={history.error} loading={history.loading && !history.data} what="the history" />
      {history.data && entries.length === 0 && <p class="muted">Statements you run appear here.</p>}
      <ul class="history" data-testid="sql-history">
        {entries.map((entry) => (
          <li key={`${entry.at}-${entry.statementId}`}>
            <button type="button" title={entry.sql} onClick={() => onPick(entry.sql)}>
              {entry.sql.replace(/\s+/g, ' ')}
            </button>
            <span class="muted history-meta">
              <StatusBadge status={entry.status} /> {formatTime(entry.at)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function useHistory() {
  return useResource('sql-history', consoleApi.sqlHistory);
}

/**
 * Running a statement and paging through its result: `run` posts the SQL (the first page),
 * `goToPage` fetches another page with its NextToken (tokens of earlier pages are kept for Previous).
 */
function useSqlRunner(onRan: () => void) {
  const [shown, setShown] = useState<ShownResult>();
  const [error, setError] = useState<{ message: string; statementId?: string | null }>();
  const [busy, setBusy] = useState(false);
  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError({
        message: caught instanceof Error ? caught.message : String(caught),
        ...(caught instanceof ConsoleRequestError && { statementId: caught.statementId }),
      });
    } finally {
      setBusy(false);
    }
  };
  const run = (sql: string) =>
    attempt(async () => {
      setShown(undefined);
      try {
        const page = await consoleApi.sql(sql);
        setShown({ page, pageTokens: [null], firstPage: page });
      } finally {
        onRan();
      }
    });
  const goToPage = (index: number) =>
    attempt(async () => {
      if (!shown) return;
      if (index === 0) {
        setShown({ ...shown, page: shown.firstPage, pageTokens: [null] });
        return;
      }
      // Forward: the current page's token; back: the token that fetched that page before.
      const token = index < shown.pageTokens.length ? shown.pageTokens[index] : shown.page.nextToken;
      if (!token) return;
      const page = await consoleApi.sqlResults(shown.page.statementId, token);
      setShown({ ...shown, page, pageTokens: [...shown.pageTokens.slice(0, index), token] });
    });
  return { shown, error, busy, run, goToPage };
}

/** A SQL editor on the local Data API: typed results with paging, Redshift's errors, a history. */
export function SqlPage() {
  const [sql, setSql] = useState(example);
  const history = useHistory();
  const { shown, error, busy, run, goToPage } = useSqlRunner(history.reload);
  const submit = (event: Event) => {
    event.preventDefault();
    if (sql.trim() !== '') void run(sql);
  };
  return (
    <>
      <h1>SQL</h1>
      <p class="lead">
        Runs a statement on the local Data API, the same endpoint the pipeline's functions use.
      </p>
      <div class="sql-layout">
        <form onSubmit={submit} aria-label="SQL editor">
          <label for="sql-editor">Statement</label>
          <textarea
            id="sql-editor"
            name="sql"
            spellcheck={false}
            value={sql}
            onInput={(event) => setSql(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
            }}
            aria-describedby="sql-help"
          />
          <div class="toolbar">
            <button type="submit" disabled={busy}>
              {busy ? 'Running…' : 'Run'}
            </button>
            <span id="sql-help" class="muted">
              Ctrl+Enter runs the statement.
            </span>
          </div>
        </form>
        <SqlHistory history={history} onPick={setSql} />
      </div>
      {error && (
        <Notice kind="error" title="The statement failed">
          <pre class="sql-error" data-testid="sql-error">
            {error.message}
          </pre>
          {error.statementId && <p class="muted mono">statement {error.statementId}</p>}
        </Notice>
      )}
      {shown && <ResultTable shown={shown} onPage={(index) => void goToPage(index)} busy={busy} />}
    </>
  );
}
