import { useEffect, useState } from 'preact/hooks';

/** The console's pages, each at a stable path. */
export type Route =
  | { page: 'runs' }
  | { page: 'run'; runId: string }
  | { page: 'inbox'; messageId?: string }
  | { page: 'data' }
  | { page: 'sql' }
  | { page: 'not-found'; path: string };

/** The route a path (and query) names: `/runs/abc` → `{ page: 'run', runId: 'abc' }`. */
export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname
    .split('/')
    .filter((part) => part !== '')
    .map(decodeURIComponent);
  const [first, second] = parts;
  if (first === undefined || (first === 'runs' && second === undefined)) return { page: 'runs' };
  if (first === 'runs' && second !== undefined && parts.length === 2) return { page: 'run', runId: second };
  if (first === 'inbox' && parts.length === 1) {
    const messageId = new URLSearchParams(search).get('message');
    return messageId === null ? { page: 'inbox' } : { page: 'inbox', messageId };
  }
  if (first === 'data' && parts.length === 1) return { page: 'data' };
  if (first === 'sql' && parts.length === 1) return { page: 'sql' };
  return { page: 'not-found', path: pathname };
}

/** The path of a route, the inverse of `parseRoute`. */
export function routePath(route: Route): string {
  switch (route.page) {
    case 'runs':
      return '/runs';
    case 'run':
      return `/runs/${encodeURIComponent(route.runId)}`;
    case 'inbox':
      // The server answers index.html only on the contract's page paths, so the message is a query.
      return route.messageId === undefined
        ? '/inbox'
        : `/inbox?${new URLSearchParams({ message: route.messageId })}`;
    case 'data':
      return '/data';
    case 'sql':
      return '/sql';
    case 'not-found':
      return route.path;
  }
}

const listeners = new Set<() => void>();

/** Goes to a path with the history API (a new entry, so Back returns), without reloading. */
export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

/** The current route; re-renders on `navigate` and on Back/Forward (popstate). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname, window.location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname, window.location.search));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/**
 * A click on an in-app link navigates with the history API; modified clicks (new tab, download)
 * and links elsewhere keep the browser's behaviour.
 */
export function interceptLinkClicks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target;
  if (!(target instanceof Element)) return;
  const anchor = target.closest('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  // A link to a place on this page (the skip link's #main) keeps the browser's jump.
  if (url.hash !== '' && url.pathname === window.location.pathname && url.search === window.location.search)
    return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
