import { readFile } from 'node:fs/promises';
import { isFileNotFound } from './is-file-not-found';

/** A line of a line-per-record file that is not a record, with where it is and why. */
export interface DamagedLine {
  /** 1-based line number. */
  line: number;
  text: string;
  reason: string;
}

/**
 * Reads a line-per-record file (`runs.jsonl`, `sns-deliveries.jsonl`) written by `appendLineDurably`:
 * `parse` turns a line into a record or says why it is none. Blank lines are skipped; so is a last line
 * without its newline that does not parse (a crash in the middle of an append, never completely written).
 * Every other bad line is returned in `damaged` for the caller to report. No file: no records.
 *
 * @example
 * const { records, damaged } = await readLineRecords('.shiftflow/runs.jsonl', parseLine);
 */
export async function readLineRecords<T>(
  file: string,
  parse: (line: string) => T | string,
): Promise<{ records: T[]; damaged: DamagedLine[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isFileNotFound(error)) return { records: [], damaged: [] };
    throw error;
  }
  const lines = text.split('\n');
  const records: T[] = [];
  const damaged: DamagedLine[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const parsed = parse(line);
    if (typeof parsed !== 'string') records.push(parsed);
    else if (index < lines.length - 1) damaged.push({ line: index + 1, text: line, reason: parsed });
  }
  return { records, damaged };
}
