import { z } from 'zod';
import { appendLineDurably } from '../files/append-line-durably';
import { readLineRecords } from '../files/read-line-records';

/**
 * One line of the delivery log: what one attempt (or the dead-lettering after the last) did for one
 * message at one subscriber. The fields follow SNS delivery status logging
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-topic-attributes.html: `status` SUCCESS/FAILURE,
 * `delivery.destination`, `delivery.attempts`, `delivery.dwellTimeMs`, `delivery.providerResponse`),
 * flattened, with `dead-lettered` added: SNS logs no such status, the local endpoint keeps the message.
 */
export const snsDeliveryRecordSchema = z.object({
  /** When the attempt ended. */
  at: z.string(),
  messageId: z.string(),
  topicArn: z.string().optional(),
  /** The subscriber's name (`smtp:<to>`, `webhook:<url>`, `terminal`), as in dead-letter files. */
  subscriber: z.string(),
  /** The protocol the subscriber receives (`email`, `http`, `https`, …). */
  protocol: z.string(),
  /** Where it delivers, credentials and secret query values redacted (SNS's `delivery.destination`). */
  endpoint: z.string(),
  /** `delivered` (SNS SUCCESS), `failed` (an attempt's FAILURE) or `dead-lettered` (after the last). */
  status: z.enum(['delivered', 'failed', 'dead-lettered']),
  /** The attempt's number; for `dead-lettered`, how many were made (SNS's `delivery.attempts`). */
  attempts: z.number().int().positive(),
  /** Milliseconds from publish to the end of this attempt (SNS's `delivery.dwellTimeMs`). */
  dwellTimeMs: z.number().int().nonnegative(),
  /** The attempt's error (SNS's `delivery.providerResponse`), secrets redacted; none when delivered. */
  error: z.string().optional(),
  /** The dead-letter file keeping the message, for `dead-lettered`. */
  deadLetterFile: z.string().optional(),
});
/** One line of the delivery log. */
export type SnsDeliveryRecord = z.infer<typeof snsDeliveryRecordSchema>;

/** Told about a line of the log that is not a delivery record: `file:line` and why. */
export type DamagedLineListener = (where: string, reason: string) => void;

/**
 * The local SNS's delivery log: an append-only JSON-lines file (`<state>/sns-deliveries.jsonl`),
 * one line per attempt's outcome. Written like the run history: one flushed `O_APPEND` write per
 * line, a last line a crash cut short dropped before the next append; read skipping damaged lines.
 *
 * @example
 * const log = new SnsDeliveryLog('.shiftflow/sns-deliveries.jsonl');
 * const records = await log.records((where, reason) => console.warn(where, reason));
 */
export class SnsDeliveryLog {
  readonly file: string;
  /** Appends of this process, one after the other (a truncate must never meet a half-done write). */
  #queue: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.file = file;
  }

  /** Appends one record; resolves once it is on disk. */
  append(record: SnsDeliveryRecord): Promise<void> {
    const line = `${JSON.stringify(snsDeliveryRecordSchema.parse(record))}\n`;
    const appended = this.#queue.then(() => appendLineDurably(this.file, line));
    this.#queue = appended.catch(() => undefined); // the caller gets the error; the next append goes on
    return appended;
  }

  /**
   * Every record in file order; none when the file does not exist. A damaged line (not JSON, not a
   * record) is skipped and told to `onDamaged`; an unfinished last line (a crash mid-append) is
   * skipped silently.
   */
  async records(onDamaged?: DamagedLineListener): Promise<SnsDeliveryRecord[]> {
    const { records, damaged } = await readLineRecords(this.file, parseRecord);
    for (const { line, reason } of damaged) onDamaged?.(`${this.file}:${line}`, reason);
    return records;
  }
}

/** The record on a line, or why it is none. */
function parseRecord(line: string): SnsDeliveryRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'is not a delivery record';
  }
  const parsed = snsDeliveryRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : 'is not a delivery record';
}
