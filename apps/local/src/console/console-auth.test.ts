import { describe, expect, it } from 'vitest';
import { checkConsoleRequest, consoleCookieName, createConsoleToken } from './console-auth';

const token = 'k4d1Wv0m1xJ7bQ0s1m8rS0m2g9sQkZpC3bW7x1y2z3A';
const port = 4710;
const consoleIdentity = { token, port };
const host = `127.0.0.1:${port}`;
const cookie = `${consoleCookieName(port)}=${token}`;

function check(request: { method?: string; url?: string; headers?: Record<string, string> }) {
  return checkConsoleRequest(
    { method: request.method ?? 'GET', url: request.url ?? '/', headers: { host, ...request.headers } },
    consoleIdentity,
  );
}

describe('createConsoleToken', () => {
  it('makes a new 32-byte base64url token at every call', () => {
    const first = createConsoleToken();
    const second = createConsoleToken();

    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    expect(second).not.toBe(first);
  });
});

describe('checkConsoleRequest', () => {
  it('refuses a request without a token with 401 TOKEN_REQUIRED', () => {
    expect(check({ url: '/api/runs' })).toMatchObject({
      kind: 'refuse',
      status: 401,
      code: 'TOKEN_REQUIRED',
    });
  });

  it('refuses a wrong token in the query, the cookie or the Authorization header with 401 TOKEN_INVALID', () => {
    const wrong = `${token.slice(0, -1)}B`;

    expect(check({ url: `/?token=${wrong}` })).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    expect(check({ headers: { cookie: `${consoleCookieName(port)}=${wrong}` } })).toMatchObject({
      status: 401,
      code: 'TOKEN_INVALID',
    });
    expect(check({ headers: { authorization: 'Bearer short' } })).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('answers the printed URL with a redirect to the same page without the token and an HttpOnly SameSite=Strict cookie', () => {
    const decision = check({ url: `/runs?token=${token}&view=all` });

    expect(decision).toEqual({
      kind: 'redirect',
      location: '/runs?view=all',
      setCookie: `${consoleCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    });
  });

  it('never redirects to another host, even for a path that starts with two slashes', () => {
    const decision = check({ url: `//evil.example/x?token=${token}` });

    expect(decision.kind).toBe('redirect');
    if (decision.kind === 'redirect') expect(decision.location.startsWith('//')).toBe(false);
  });

  it('allows the cookie and the bearer token', () => {
    expect(check({ url: '/api/runs', headers: { cookie: `other=1; ${cookie}` } })).toEqual({ kind: 'allow' });
    expect(check({ url: '/api/runs', headers: { authorization: `Bearer ${token}` } })).toEqual({
      kind: 'allow',
    });
  });

  it('ignores the cookie of a console on another port', () => {
    expect(check({ headers: { cookie: `${consoleCookieName(4711)}=${token}` } })).toMatchObject({
      code: 'TOKEN_REQUIRED',
    });
  });

  it('refuses a foreign Host with 403 HOST_REFUSED even with the right token (DNS rebinding)', () => {
    for (const foreign of ['evil.example', `evil.example:${port}`, '127.0.0.1:4711', `0.0.0.0:${port}`]) {
      expect(check({ headers: { host: foreign, cookie } })).toMatchObject({
        kind: 'refuse',
        status: 403,
        code: 'HOST_REFUSED',
      });
    }
    expect(
      checkConsoleRequest({ method: 'GET', url: '/', headers: { cookie } }, consoleIdentity),
    ).toMatchObject({
      code: 'HOST_REFUSED',
    });
  });

  it('accepts localhost:<port> as the Host', () => {
    expect(check({ headers: { host: `localhost:${port}`, cookie } })).toEqual({ kind: 'allow' });
  });

  it('refuses a foreign Origin, a null Origin and a cross-site or same-site Sec-Fetch-Site with 403 ORIGIN_REFUSED', () => {
    const refused: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: `https://127.0.0.1:${port}` },
      { origin: 'http://127.0.0.1:4711' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of refused) {
      expect(check({ headers: { ...headers, cookie } })).toMatchObject({
        status: 403,
        code: 'ORIGIN_REFUSED',
      });
    }
  });

  it("allows the console's own Origin and a navigation typed or clicked outside a page (Sec-Fetch-Site none)", () => {
    expect(check({ headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin', cookie } })).toEqual(
      {
        kind: 'allow',
      },
    );
    expect(check({ url: `/?token=${token}`, headers: { 'sec-fetch-site': 'none' } }).kind).toBe('redirect');
  });

  it('refuses a POST without an Origin or the x-shiftflow-console header with 403 CSRF_CHECK_FAILED', () => {
    expect(check({ method: 'POST', url: '/api/runs', headers: { cookie } })).toMatchObject({
      status: 403,
      code: 'CSRF_CHECK_FAILED',
    });
    expect(
      check({ method: 'POST', url: '/api/runs', headers: { cookie, 'x-shiftflow-console': '1' } }),
    ).toEqual({ kind: 'allow' });
    expect(
      check({ method: 'POST', url: '/api/runs', headers: { cookie, origin: `http://${host}` } }),
    ).toEqual({
      kind: 'allow',
    });
  });

  it('does not take a POST with ?token= as a visit to redirect: it still needs the CSRF check', () => {
    expect(check({ method: 'POST', url: `/api/runs?token=${token}` })).toMatchObject({
      code: 'CSRF_CHECK_FAILED',
    });
  });
});
