import type { ComponentChildren } from 'preact';

/** A message box: `error` for failures (announced to screen readers), `info` otherwise. */
export function Notice({
  kind,
  title,
  children,
}: {
  kind: 'error' | 'info';
  title?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title && <strong>{title}</strong>}
      <div>{children}</div>
    </div>
  );
}

/** The state of a loading resource, or nothing once it has data. */
export function LoadState({
  error,
  loading,
  what,
}: {
  error: Error | undefined;
  loading: boolean;
  what: string;
}) {
  if (error)
    return (
      <Notice kind="error" title={`Could not load ${what}`}>
        {error.message}
      </Notice>
    );
  if (loading)
    return (
      <p class="muted" role="status">
        Loading {what}…
      </p>
    );
  return null;
}
