import type { LogLine, RunDetailResponse } from '../../console-api';
import { LoadState, Notice } from '../components/notice';
import { StatusBadge } from '../components/status-badge';
import { consoleApi, liveEventNames } from '../console-client';
import { formatCount, formatRunDuration, formatTime } from '../format';
import { useLiveEvents } from '../live-events';
import { routePath } from '../router';
import { useResource } from '../use-resource';

/**
 * The heading's facts: how it started, when it was submitted, and the duration and rows loaded when
 * known (an unknown one is left out: a failed run loaded no rows it could count).
 */
function runFacts(run: RunDetailResponse['run']): string {
  const started = run.trigger === 'manual' ? 'Started by hand' : 'Started by the schedule';
  const duration = formatRunDuration(run);
  return [
    `${started}, submitted ${formatTime(run.submittedAt)}`,
    ...(duration === '—' ? [] : [duration]),
    ...(run.rowsLoaded === null ? [] : [`${formatCount(run.rowsLoaded)} rows loaded`]),
  ].join(' · ');
}

function LogLines({ title, lines, testId }: { title: string; lines: readonly LogLine[]; testId: string }) {
  return (
    <section class="panel" aria-label={title}>
      <h2>{title}</h2>
      {lines.length === 0 ? (
        <p class="muted">No log lines for this run.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        <pre class="log" data-testid={testId} tabIndex={0}>
          {lines.map((line) => `${formatTime(line.at)}  ${line.level.padEnd(5)}  ${line.message}`).join('\n')}
        </pre>
      )}
    </section>
  );
}

function LoadErrors({ loadErrors }: { loadErrors: RunDetailResponse['loadErrors'] }) {
  return (
    <section class="panel" aria-labelledby="load-errors-heading">
      <h2 id="load-errors-heading">Load errors</h2>
      <div class="table-wrap">
        <table data-testid="load-errors">
          <caption>First rows of sys_load_error_detail for this run</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" class="number">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col" class="number">
                Position
              </th>
              <th scope="col" class="number">
                Code
              </th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {loadErrors.map((loadError, index) => (
              <tr key={`${loadError.fileName}:${loadError.lineNumber}:${index}`}>
                <td class="mono">{loadError.fileName ?? '—'}</td>
                <td class="number">{loadError.lineNumber ?? '—'}</td>
                <td class="mono">
                  {loadError.columnName ?? '—'}
                  {loadError.columnType && <span class="type">{loadError.columnType}</span>}
                </td>
                <td class="number">{loadError.position ?? '—'}</td>
                <td class="number">{loadError.errorCode ?? '—'}</td>
                <td>{loadError.errorMessage ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function StatementFacts({ statement }: { statement: NonNullable<RunDetailResponse['statement']> }) {
  return (
    <section class="panel" aria-labelledby="statement-heading">
      <h2 id="statement-heading">Statement</h2>
      <dl class="facts">
        <dt>Name</dt>
        <dd class="mono">{statement.name ?? '—'}</dd>
        <dt>Id</dt>
        <dd class="mono" data-testid="statement-id">
          {statement.id}
        </dd>
        <dt>SQL</dt>
        <dd>
          <pre data-testid="statement-sql">{statement.sql}</pre>
        </dd>
        <dt>Timeline</dt>
        <dd>
          <ol class="timeline" aria-label="Data API status timeline" data-testid="timeline">
            {statement.timeline.map((step) => (
              <li key={`${step.status}-${step.at}`} data-status={step.status}>
                <StatusBadge status={step.status} />
                <time dateTime={step.at} title={`from ${step.source}`}>
                  {formatTime(step.at)}
                </time>
              </li>
            ))}
          </ol>
          {!statement.described && (
            <p class="muted">The local Redshift could not be asked; these facts come from the run history.</p>
          )}
        </dd>
      </dl>
    </section>
  );
}

function NotificationAsSent({ notification }: { notification: RunDetailResponse['notification'] }) {
  return (
    <section class="panel" aria-labelledby="notification-heading">
      <h2 id="notification-heading">Notification</h2>
      {notification ? (
        <>
          <p class="notification-subject" data-testid="notification-subject">
            <strong>Subject:</strong> {notification.subject ?? '(no subject)'}{' '}
            <span class="muted">· sent {formatTime(notification.sentAt)}</span>
          </p>
          <pre data-testid="notification-body">{notification.body}</pre>
          <p>
            <a href={routePath({ page: 'inbox', messageId: notification.messageId })}>Open in the inbox</a>
          </p>
        </>
      ) : (
        <p class="muted">No notification for this run yet.</p>
      )}
    </section>
  );
}

/** One run: statement, timeline, error and load errors, the notification as sent, the logs. */
export function RunDetailPage({ runId }: { runId: string }) {
  const detail = useResource(`run:${runId}`, () => consoleApi.run(runId));
  useLiveEvents(liveEventNames.runs, detail.reload);
  useLiveEvents(liveEventNames.messages, detail.reload);
  const data = detail.data;
  const run = data?.run;
  const error = data?.statement?.error ?? data?.error ?? run?.error ?? run?.reason;
  return (
    <>
      <p>
        <a href={routePath({ page: 'runs' })}>← All runs</a>
      </p>
      <LoadState error={detail.error} loading={detail.loading && !data} what="the run" />
      {data && run && (
        <>
          <h1>
            Run of {formatTime(run.scheduledAt ?? run.submittedAt)} <StatusBadge status={run.status} />
          </h1>
          <p class="lead" data-testid="run-facts">
            {runFacts(run)}
          </p>
          {error && (
            <Notice kind="error" title={run.status === 'SKIPPED' ? 'Skipped' : 'Error'}>
              <span data-testid="run-error">{error}</span>
            </Notice>
          )}
          {data.loadErrors.length > 0 && <LoadErrors loadErrors={data.loadErrors} />}
          {data.statement && <StatementFacts statement={data.statement} />}
          <NotificationAsSent notification={data.notification} />
          <div class="grid-two">
            <LogLines
              title="Runner log"
              lines={data.logs.filter((line) => line.source === 'runner')}
              testId="runner-log"
            />
            <LogLines
              title="Notifier log"
              lines={data.logs.filter((line) => line.source !== 'runner')}
              testId="notifier-log"
            />
          </div>
        </>
      )}
    </>
  );
}
