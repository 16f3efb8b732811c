/**
 * Status-change events appended to a file as JSON lines (NDJSON), one line per event, in the order
 * they were sent. Each line goes to the file in one `write` on a file opened for appending, so a
 * reader never sees two events interleaved; a stop in the middle of a write can leave a last line
 * cut short, which a reader skips.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { StatementStatusChangeEnvelope } from './status-change-event';

/**
 * A listener for `onStatusChange` that appends each event to `file` (its folder is created).
 *
 * @example
 * redshift.onStatusChange(ndjsonEventSink('.shiftflow/events.ndjson'));
 */
export function ndjsonEventSink(file: string): (event: StatementStatusChangeEnvelope) => void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return (event) => {
    appendFileSync(file, `${JSON.stringify(event)}\n`);
  };
}
