import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import { isFileNotFound } from './is-file-not-found';

/**
 * Appends one line to a line-per-record file (`runs.jsonl`, `sns-deliveries.jsonl`) so that a crash
 * never leaves a damaged record between complete ones: a last line an earlier crash cut short is
 * dropped first, then the whole line goes out in one write (O_APPEND) and is flushed. Callers that
 * append concurrently within one process queue their calls (a truncate must never meet a half-done write).
 *
 * @example
 * await appendLineDurably('.shiftflow/runs.jsonl', `${JSON.stringify(entry)}\n`);
 */
export async function appendLineDurably(file: string, line: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await dropUnfinishedLastLine(file);
  const handle = await open(file, 'a');
  try {
    await handle.write(line.endsWith('\n') ? line : `${line}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Cuts the file back to its last newline when it does not end with one (a write a crash cut short). */
async function dropUnfinishedLastLine(file: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (isFileNotFound(error)) return;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] === 0x0a) return;
  } finally {
    await handle.close();
  }
  const text = await readFile(file);
  await truncate(file, text.lastIndexOf(0x0a) + 1);
}
