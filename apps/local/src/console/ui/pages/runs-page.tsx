import { useState } from 'preact/hooks';
import type { RunsResponse } from '../../console-api';
import { LoadState, Notice } from '../components/notice';
import { StatusBadge } from '../components/status-badge';
import { consoleApi, liveEventNames } from '../console-client';
import { formatCount, formatRunDuration, formatTime, formatZonedTime } from '../format';
import { useLiveEvents } from '../live-events';
import { routePath } from '../router';
import { useResource } from '../use-resource';

function RunNowButton({ runNow, onStarted }: { runNow: RunsResponse['runNow']; onStarted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await consoleApi.runNow();
      onStarted();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  const help = !runNow.available
    ? (runNow.reason ?? 'This console cannot start runs.')
    : runNow.active
      ? 'A run is queued or running.'
      : 'Starts the pipeline once, as shiftflow run does.';
  return (
    <div class="run-now">
      <button
        type="button"
        onClick={start}
        disabled={busy || !runNow.available || runNow.active}
        aria-describedby="run-now-help"
      >
        {busy ? 'Starting…' : 'Run now'}
      </button>
      <p id="run-now-help" class="muted">
        {help}
      </p>
      {error && (
        <Notice kind="error" title="The run did not start">
          {error}
        </Notice>
      )}
    </div>
  );
}

function ScheduleFacts({ schedule }: { schedule: RunsResponse['schedule'] }) {
  return (
    <section class="panel" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Schedule {schedule.active ? '' : '(not run by this process)'}</h2>
      <dl class="facts">
        <dt>Expression</dt>
        <dd>
          <code data-testid="schedule-expression">{schedule.expression}</code>
        </dd>
        <dt>Time zone</dt>
        <dd data-testid="schedule-time-zone">{schedule.timeZone}</dd>
        <dt>Next runs</dt>
        <dd>
          {schedule.next.length === 0 ? (
            'never again'
          ) : (
            <ul class="next-runs" data-testid="next-runs">
              {schedule.next.map((time) => (
                <li key={time}>
                  <time dateTime={time}>{formatZonedTime(time, schedule.timeZone)}</time>{' '}
                  <span class="muted">({formatTime(time)})</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

function RunsTable({ runs }: { runs: RunsResponse['runs'] }) {
  return (
    <div class="table-wrap">
      <table data-testid="runs-table">
        <caption>Runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Scheduled time</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col" class="number">
              Duration
            </th>
            <th scope="col" class="number">
              Rows loaded
            </th>
            <th scope="col">Statement id</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.runId} data-run-id={run.runId} data-status={run.status}>
              <td>
                <a href={routePath({ page: 'run', runId: run.runId })}>
                  {formatTime(run.scheduledAt ?? run.submittedAt)}
                </a>
              </td>
              <td>{run.trigger}</td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td class="number" data-testid="run-duration">
                {formatRunDuration(run)}
              </td>
              <td class="number">{formatCount(run.rowsLoaded)}</td>
              <td class="mono">{run.statementId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Runs, newest first, updated live by server-sent events; Run now; the next scheduled times. */
export function RunsPage() {
  const runs = useResource('runs', consoleApi.runs);
  useLiveEvents(liveEventNames.runs, runs.reload);
  const data = runs.data;
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Runs</h1>
          <p class="lead">Every run of the pipeline, newest first. The list follows runs as they happen.</p>
        </div>
        {data && <RunNowButton runNow={data.runNow} onStarted={runs.reload} />}
      </div>
      <LoadState error={runs.error} loading={runs.loading && !data} what="runs" />
      {data && <ScheduleFacts schedule={data.schedule} />}
      {data && data.runs.length === 0 && (
        <Notice kind="info">No runs yet. Press Run now to start one.</Notice>
      )}
      {data && data.runs.length > 0 && <RunsTable runs={data.runs} />}
    </>
  );
}
