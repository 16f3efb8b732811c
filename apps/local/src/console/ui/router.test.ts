import { describe, expect, it } from 'vitest';
import { parseRoute, type Route, routePath } from './router';

describe('console routes', () => {
  it('reads every page from its path and writes the same path back', () => {
    const routes: Route[] = [
      { page: 'runs' },
      { page: 'run', runId: 'a1b2-c3/d4' },
      { page: 'inbox' },
      { page: 'inbox', messageId: 'm-1' },
      { page: 'data' },
      { page: 'sql' },
    ];
    for (const route of routes) {
      const url = new URL(routePath(route), 'http://127.0.0.1');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });
  it('treats / as the runs page and anything else as not found', () => {
    expect(parseRoute('/')).toEqual({ page: 'runs' });
    expect(parseRoute('/nowhere')).toEqual({ page: 'not-found', path: '/nowhere' });
  });
});
