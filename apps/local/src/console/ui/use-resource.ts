import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** What a page shows while it loads, after it loaded, or when loading failed. */
export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads again (after a live event), keeping the shown data until the new arrives. */
  reload: () => void;
}

/**
 * Loads `load()` when the component mounts and whenever `key` changes; `reload` loads again.
 * An answer that arrives after a newer request started is dropped, so the page never goes back.
 */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const reload = useCallback(() => {
    generation.current += 1;
    const mine = generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    latestLoad.current().then(
      (data) => {
        if (mine === generation.current) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (mine === generation.current)
          setState((previous) => ({
            ...previous,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          }));
      },
    );
  }, []);
  useEffect(() => {
    setState({ loading: true });
    reload();
  }, [key]);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
