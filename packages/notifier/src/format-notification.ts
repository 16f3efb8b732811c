import type { Notification, SnsMessageStructure, TerminalStatementState } from '@shiftflow/events';
import type { LoadErrorRow } from './read-load-errors';

/**
 * Everything the notifier knows about an ended run, as {@link formatNotification} takes it.
 *
 * @example
 * ```ts
 * const report: RunReport = {
 *   pipelineName: 'nyc-taxi', statementId: 'd9b6c0c9-0747-4bf4-b142-e8883122f766', state: 'FINISHED',
 *   consoleUrl: 'https://us-east-1.console.aws.amazon.com/sqlworkbench/home?region=us-east-1#/queryhistory',
 * };
 * ```
 */
export interface RunReport {
  pipelineName: string;
  statementId: string;
  state: TerminalStatementState;
  statementName?: string;
  /** How the run started, when the statement name says so. */
  trigger?: 'scheduled' | 'manual';
  /** The scheduled time (or the requested time of a manual run). */
  scheduledTime?: Date;
  /** When the statement ended. */
  endedAt?: Date;
  durationMs?: number;
  /**
   * The run took less than this many ms, when its clock cannot say more: GETDATE() has whole seconds, so
   * equal whole-second start and end stamps mean under 1 s.
   */
  durationBelowMs?: number;
  rowsLoaded?: number;
  /** The Data API's error text (failed runs). */
  error?: string;
  /** The SQL that failed: the failing sub-statement's text, else the statement's. */
  failingSql?: string;
  /** A failed load's first bad rows (file, line, column, reason). */
  loadErrors?: LoadErrorRow[];
  /** Where the load-error rows come from, or why there are none (e.g. the lookup failed). */
  loadErrorsNote?: string;
  /** The target's page in the Redshift console. */
  consoleUrl: string;
  /** Query editor v2 of the region, whose query history lists the statement. */
  queryEditorUrl?: string;
}

/** The longest error text and SQL put into a message; SNS caps a message at 256 KiB. */
export const MAX_DETAIL_CHARACTERS = 8_000;
const MAX_SUBJECT_CHARACTERS = 99;
const MAX_SMS_CHARACTERS = 140;

/**
 * Turns a run report into a {@link Notification} people read: success or failure and the pipeline in the
 * subject; pipeline, status, scheduled time, duration, rows loaded, statement id, console link
 * and, on failure, the error, a failed load's first bad rows (file, line, column, reason) and the
 * failing SQL in the body. FAILED and ABORTED are never
 * called "completed".
 *
 * @example
 * ```ts
 * formatNotification({ pipelineName: 'nyc-taxi', statementId, state: 'FAILED', error: 'ERROR: …', consoleUrl }).subject;
 * // '[shiftflow] nyc-taxi run FAILED'
 * ```
 */
export function formatNotification(report: RunReport): Notification {
  const outcome: Outcome =
    report.state === 'FINISHED' ? 'succeeded' : report.state === 'FAILED' ? 'failed' : 'aborted';
  const headline =
    outcome === 'succeeded'
      ? `${report.pipelineName} run succeeded`
      : `${report.pipelineName} run ${outcome === 'failed' ? 'FAILED' : 'ABORTED'}`;
  const when = report.scheduledTime ? ` (${describeRun(report)})` : '';
  const subject = cleanSubject(`[shiftflow] ${headline}${when}`);

  const lines = [
    `shiftflow: the ${report.pipelineName} ELT run ${outcomeSentence(outcome)}`,
    '',
    `Pipeline:        ${report.pipelineName}`,
    `Status:          ${report.state} (${outcome})`,
    `Scheduled time:  ${report.scheduledTime ? describeRun(report) : 'unknown'}`,
    ...(report.endedAt ? [`Ended at:        ${report.endedAt.toISOString()}`] : []),
    `Duration:        ${durationText(report)}`,
    `Rows loaded:     ${report.rowsLoaded === undefined ? 'unknown' : report.rowsLoaded.toLocaleString('en-US')}`,
    `Statement id:    ${report.statementId}`,
    ...(report.statementName ? [`Statement name:  ${report.statementName}`] : []),
    `Console:         ${report.consoleUrl}`,
    ...(report.queryEditorUrl
      ? [`Query history:   ${report.queryEditorUrl} (search for the statement id)`]
      : []),
  ];
  if (outcome !== 'succeeded') {
    lines.push('', 'Error:', indent(truncate(report.error ?? 'the Data API reported no error text')));
    if (report.loadErrors?.length || report.loadErrorsNote) lines.push('', ...loadErrorLines(report));
    if (report.failingSql) lines.push('', 'Failing SQL:', indent(truncate(report.failingSql)));
  }
  const body = `${lines.join('\n')}\n`;

  const smsDetail =
    outcome === 'succeeded'
      ? report.rowsLoaded === undefined
        ? ''
        : `, ${report.rowsLoaded.toLocaleString('en-US')} rows`
      : report.error
        ? `: ${firstBadRow(report)}${singleLine(report.error)}`
        : '';
  const sms = truncate(`shiftflow ${headline}${smsDetail}`, MAX_SMS_CHARACTERS);

  const failedSql = outcome === 'succeeded' ? undefined : report.failingSql;
  return {
    pipelineName: report.pipelineName,
    statementId: report.statementId,
    state: report.state,
    outcome: outcome === 'succeeded' ? 'success' : 'failure',
    subject,
    body,
    sms,
    consoleUrl: report.consoleUrl,
    ...(report.statementName === undefined ? {} : { statementName: report.statementName }),
    ...(report.trigger === undefined ? {} : { trigger: report.trigger }),
    ...(report.scheduledTime === undefined ? {} : { scheduledTime: report.scheduledTime.toISOString() }),
    ...(report.endedAt === undefined ? {} : { finishedAt: report.endedAt.toISOString() }),
    ...(report.durationMs === undefined ? {} : { durationMs: report.durationMs }),
    ...(report.rowsLoaded === undefined ? {} : { rowsLoaded: report.rowsLoaded }),
    ...(outcome === 'succeeded' || report.error === undefined ? {} : { error: truncate(report.error) }),
    ...(failedSql === undefined ? {} : { failedSql: truncate(failedSql) }),
  };
}

/**
 * The SNS `Message` of a `MessageStructure: 'json'` publish: `default` and `email` carry the
 * body, `sms` the short text.
 *
 * @example
 * ```ts
 * const Message = JSON.stringify(snsMessageFor(formatNotification(report)));
 * ```
 */
export function snsMessageFor(notification: Notification): SnsMessageStructure {
  return {
    default: notification.body,
    email: notification.body,
    sms: notification.sms ?? truncate(notification.subject, MAX_SMS_CHARACTERS),
  };
}

type Outcome = 'succeeded' | 'failed' | 'aborted';

/** The body's "Load errors" block: one entry per bad row, each field on its own line. */
function loadErrorLines(report: RunReport): string[] {
  const rows = report.loadErrors ?? [];
  const lines = [`Load errors${report.loadErrorsNote ? ` (${singleLine(report.loadErrorsNote)})` : ''}:`];
  if (rows.length === 0) return lines;
  for (const [index, row] of rows.entries()) {
    const column = row.columnName
      ? `${row.columnName}${row.columnType ? ` (${row.columnType})` : ''}${row.position === undefined ? '' : `, position ${row.position}`}`
      : 'unknown';
    lines.push(
      `  ${index + 1}. File:    ${singleLine(row.fileName ?? 'unknown')}`,
      `     Line:    ${row.lineNumber ?? 'unknown'}`,
      `     Column:  ${singleLine(column)}`,
      `     Reason:  ${singleLine(truncate(row.errorMessage ?? 'unknown', 1_000))}${row.errorCode === undefined ? '' : ` (error ${row.errorCode})`}`,
    );
  }
  return lines;
}

function outcomeSentence(outcome: Outcome): string {
  if (outcome === 'succeeded') return 'succeeded.';
  if (outcome === 'failed') return 'FAILED; the error and the failing SQL are below.';
  return 'was ABORTED (cancelled) before it finished.';
}

/** `file:line: ` of the first bad row, for the short text; empty when there is none. */
function firstBadRow(report: RunReport): string {
  const row = report.loadErrors?.[0];
  if (row?.fileName === undefined) return '';
  return `${singleLine(row.fileName)}${row.lineNumber === undefined ? '' : `:${row.lineNumber}`} ${singleLine(row.errorMessage ?? '')}; `;
}

function describeRun(report: RunReport): string {
  const time = report.scheduledTime?.toISOString() ?? 'unknown';
  return report.trigger === 'manual' ? `manual run requested ${time}` : time;
}

/**
 * Formats a duration in milliseconds for people: `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`.
 *
 * @example
 * ```ts
 * formatDuration(245_000); // '4 min 05 s'
 * ```
 */
function durationText(report: RunReport): string {
  if (report.durationMs !== undefined) return formatDuration(report.durationMs);
  if (report.durationBelowMs !== undefined) return `under ${report.durationBelowMs / 1_000} s`;
  return 'unknown';
}

export function formatDuration(milliseconds: number): string {
  // Each unit's bound is where its rounded text would reach the next unit ("1000 ms", "60.0 s").
  if (milliseconds < 999.5) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 59_950) return `${(milliseconds / 1_000).toFixed(1)} s`;
  const totalSeconds = Math.round(milliseconds / 1_000);
  if (totalSeconds < 3_600) {
    return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)} h ${String(totalMinutes % 60).padStart(2, '0')} min`;
}

// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

function cleanSubject(subject: string): string {
  return truncate(
    subject.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim(),
    MAX_SUBJECT_CHARACTERS,
  );
}

function singleLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

/** Cuts `text` to at most `limit` UTF-16 code units (what length limits count), never inside a surrogate pair. */
function truncate(text: string, limit = MAX_DETAIL_CHARACTERS): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function indent(text: string): string {
  // Keep line breaks, drop the other control characters that would garble a mail client.
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n')
  );
}
