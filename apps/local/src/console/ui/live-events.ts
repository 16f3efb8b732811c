import { useEffect, useRef, useState } from 'preact/hooks';

type Listener = (data: unknown) => void;

/** `live`: events arrive; `connecting`: (re)connecting; `closed`: the server refused the stream. */
export type LiveConnection = 'live' | 'connecting' | 'closed';

/**
 * One EventSource for the whole page (no polling): pages subscribe to event names; the browser
 * reconnects by itself after a drop, and `useLiveConnection` shows whether it is connected. It gives up
 * only when the server refuses the stream (an answer other than 200: the console was restarted with a
 * new token), and then the page says to open the newly printed URL.
 */
class LiveEvents {
  private source: EventSource | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly attached = new Set<string>();
  private readonly connectionListeners = new Set<(state: LiveConnection) => void>();
  state: LiveConnection = 'connecting';

  constructor(private readonly url: string) {}

  private ensureSource(): EventSource {
    if (this.source) return this.source;
    const source = new EventSource(this.url);
    source.addEventListener('open', () => this.setState('live'));
    source.addEventListener('error', () =>
      this.setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting'),
    );
    this.source = source;
    return source;
  }

  private setState(state: LiveConnection): void {
    this.state = state;
    for (const listener of this.connectionListeners) listener(state);
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

  onConnection(listener: (state: LiveConnection) => void): () => void {
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

/** The live connection's state, for the header's indicator. */
export function useLiveConnection(): LiveConnection {
  const [state, setState] = useState(() => events().state);
  useEffect(() => events().onConnection(setState), []);
  return state;
}
