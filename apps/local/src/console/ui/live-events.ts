import { useEffect, useRef, useState } from 'preact/hooks';

type Listener = (data: unknown) => void;

/**
 * One EventSource for the whole page (no polling): pages subscribe to event names; the browser
 * reconnects by itself after a drop, and `useLiveConnection` shows whether it is connected.
 */
class LiveEvents {
  private source: EventSource | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly attached = new Set<string>();
  private readonly connectionListeners = new Set<(open: boolean) => void>();
  open = false;

  constructor(private readonly url: string) {}

  private ensureSource(): EventSource {
    if (this.source) return this.source;
    const source = new EventSource(this.url);
    source.addEventListener('open', () => this.setOpen(true));
    source.addEventListener('error', () => this.setOpen(source.readyState === EventSource.OPEN));
    this.source = source;
    return source;
  }

  private setOpen(open: boolean): void {
    this.open = open;
    for (const listener of this.connectionListeners) listener(open);
  }

  subscribe(name: string, listener: Listener): () => void {
    const source = this.ensureSource();
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    if (!this.attached.has(name)) {
      this.attached.add(name);
      source.addEventListener(name, (event) => {
        let data: unknown;
        try {
          data = JSON.parse((event as MessageEvent<string>).data);
        } catch {
          // An event without JSON data still says "something changed": listeners refetch.
          data = undefined;
        }
        for (const each of this.listeners.get(name) ?? []) each(data);
      });
    }
    return () => set.delete(listener);
  }

  onConnection(listener: (open: boolean) => void): () => void {
    this.ensureSource();
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }
}

let liveEvents: LiveEvents | undefined;
function events(): LiveEvents {
  liveEvents ??= new LiveEvents(eventsPath);
  return liveEvents;
}
let eventsPath = '/api/events';
/** Where the server-sent events come from (the contract's route). */
export function setEventsPath(path: string): void {
  eventsPath = path;
}

/** Calls `listener` for every server-sent event named in `names` while the component is mounted. */
export function useLiveEvents(names: readonly string[], listener: Listener): void {
  const latest = useRef(listener);
  latest.current = listener;
  const key = names.join(',');
  useEffect(() => {
    const unsubscribe = key
      .split(',')
      .map((name) => events().subscribe(name, (data) => latest.current(data)));
    return () => {
      for (const each of unsubscribe) each();
    };
  }, [key]);
}

/** Whether the live connection is open; for the header's indicator. */
export function useLiveConnection(): boolean {
  const [open, setOpen] = useState(() => events().open);
  useEffect(() => events().onConnection(setOpen), []);
  return open;
}
