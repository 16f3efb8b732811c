const tones: Record<string, string> = {
  FINISHED: 'ok',
  FAILED: 'bad',
  ABORTED: 'bad',
  NOT_STARTED: 'bad',
  SKIPPED: 'muted',
  SUBMITTED: 'busy',
  PICKED: 'busy',
  STARTED: 'busy',
  delivered: 'ok',
  failed: 'busy',
  'dead-lettered': 'bad',
  success: 'ok',
  failure: 'bad',
};

/** A run's or statement's status as a coloured word (the word itself carries the meaning). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge ${tones[status] ?? 'muted'}`} data-status={status}>
      {status}
    </span>
  );
}
