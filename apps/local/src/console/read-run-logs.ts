import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isFileNotFound } from '../files/is-file-not-found';
import type { StateLayout } from '../state/state-layout';
import type { LogLine } from './console-api';

/** A structured log line of the functions (Powertools logger's JSON): the fields the console reads. */
const logFieldsSchema = z.looseObject({
  level: z.string().optional(),
  message: z.string().optional(),
  timestamp: z.string().optional(),
  statementId: z.string().optional(),
  runId: z.string().optional(),
});

/**
 * The log lines of the pipeline's functions (`<state>/logs/<pipeline>-<function>.log`) about one
 * run: its statement id or its run id (the statement name) appears in the line's fields. Lines
 * that are not JSON (Node's own warnings) belong to no run and are left out. Oldest first.
 *
 * @example
 * const lines = await readRunLogs(state, 'nyc-taxi', { statementId, statementName });
 */
export async function readRunLogs(
  state: StateLayout,
  pipelineName: string,
  run: { statementId: string; statementName: string | null },
): Promise<LogLine[]> {
  let names: string[];
  try {
    names = (await readdir(state.logs)).filter((name) => name.endsWith('.log'));
  } catch (error) {
    if (isFileNotFound(error)) return [];
    throw error;
  }
  const lines: LogLine[] = [];
  for (const name of names.sort()) {
    const source = name.replace(/\.log$/, '').replace(`${pipelineName}-`, '');
    const text = await readFile(path.join(state.logs, name), 'utf8');
    for (const line of text.split('\n')) {
      if (
        !line.startsWith('{') ||
        (!line.includes(run.statementId) && (run.statementName === null || !line.includes(run.statementName)))
      ) {
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue; // a line cut short (the function was stopped while writing): not a log entry
      }
      const parsed = logFieldsSchema.safeParse(value);
      if (!parsed.success) continue;
      const fields = parsed.data;
      if (
        fields.statementId !== run.statementId &&
        (run.statementName === null || fields.runId !== run.statementName)
      ) {
        continue;
      }
      lines.push({
        at: fields.timestamp ?? null,
        source,
        level: fields.level ?? 'INFO',
        message: fields.message ?? '',
        fields,
      });
    }
  }
  return lines.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}
