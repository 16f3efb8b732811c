import { createHash } from 'node:crypto';
import type { RunTrigger } from '@shiftflow/events';

/**
 * The Data API `ClientToken` of a run: a UUID-shaped SHA-256 of pipeline, trigger and scheduled time,
 * so a retried invocation for the same scheduled time sends the same token and starts no second statement.
 *
 * @example
 * ```ts
 * clientTokenFor({ pipelineName: 'nyc-taxi', trigger: 'scheduled', scheduledTime: new Date('2026-11-30T16:00:00Z') });
 * // always the same 'xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx'
 * ```
 */
export function clientTokenFor(run: {
  pipelineName: string;
  trigger: RunTrigger;
  scheduledTime: Date;
}): string {
  const digest = createHash('sha256')
    .update(`shiftflow\n${run.pipelineName}\n${run.trigger}\n${run.scheduledTime.toISOString()}`)
    .digest();
  // RFC 9562 version 8 (custom) with the RFC variant bits.
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x80;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
