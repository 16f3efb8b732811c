import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type ConsoleErrorCode, consoleRequestHeader } from './console-api';

/** What the console decides about one request before it routes it. */
export type ConsoleAuthDecision =
  | { kind: 'allow' }
  /** The printed URL's `?token=`: set the cookie and redirect to the same URL without the token. */
  | { kind: 'redirect'; location: string; setCookie: string }
  | { kind: 'refuse'; status: 401 | 403; code: ConsoleErrorCode; message: string };

/** The parts of a request the checks read. */
export interface ConsoleAuthRequest {
  method: string;
  /** The request target as sent: `/runs?token=…`. */
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * A fresh console token: 32 random bytes, base64url (43 characters), new at every start.
 *
 * @example
 * const token = createConsoleToken(); // 'q3P…'
 */
export function createConsoleToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The cookie holding the token. Cookies are not kept apart by port, so the name carries it: two
 * consoles on one machine (two projects) do not overwrite each other's cookie.
 *
 * @example
 * consoleCookieName(4710); // 'shiftflow_console_4710'
 */
export function consoleCookieName(port: number): string {
  return `shiftflow_console_${port}`;
}

/** Constant-time comparison of a presented token with the console's (hashes make the lengths equal). */
function sameToken(presented: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(token));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

const refuse = (status: 401 | 403, code: ConsoleErrorCode, message: string): ConsoleAuthDecision => ({
  kind: 'refuse',
  status,
  code,
  message,
});

/**
 * Decides whether the console answers a request, in this order:
 * 1. Host must be `127.0.0.1:<port>` or `localhost:<port>`: a page on another site whose name was
 *    re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused.
 * 2. `Sec-Fetch-Site` (sent by browsers) must be `same-origin` or `none` (typed URL, a link from the
 *    terminal), and an `Origin` must be the console's own: cross-site requests are refused, also
 *    from another local port (`same-site` is not enough: any local program can serve a page).
 * 3. The token: the printed URL's `?token=` (answered with a redirect that sets an HttpOnly,
 *    SameSite=Strict cookie), the cookie, or `Authorization: Bearer <token>`; compared in constant time.
 * 4. A request that changes something (not GET/HEAD) must carry the console's Origin or the
 *    `x-shiftflow-console` header, which a cross-site form cannot send.
 *
 * @example
 * const decision = checkConsoleRequest({ method: 'GET', url: '/?token=abc', headers: { host: '127.0.0.1:4710' } }, { token: 'abc', port: 4710 });
 * // { kind: 'redirect', location: '/', setCookie: 'shiftflow_console_4710=abc; HttpOnly; SameSite=Strict; Path=/' }
 */
export function checkConsoleRequest(
  request: ConsoleAuthRequest,
  console: { token: string; port: number },
): ConsoleAuthDecision {
  const { port, token } = console;
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = header(request.headers, 'host')?.toLowerCase();
  if (host === undefined || !allowedHosts.includes(host)) {
    return refuse(
      403,
      'HOST_REFUSED',
      `Host ${JSON.stringify(host ?? '')} is not this console's; open http://127.0.0.1:${port}/ (the URL the console printed)`,
    );
  }
  const fetchSite = header(request.headers, 'sec-fetch-site')?.toLowerCase();
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return refuse(403, 'ORIGIN_REFUSED', `a ${fetchSite} request (Sec-Fetch-Site) is refused by the console`);
  }
  const origin = header(request.headers, 'origin');
  if (origin !== undefined && !allowedHosts.some((allowed) => origin.toLowerCase() === `http://${allowed}`)) {
    return refuse(
      403,
      'ORIGIN_REFUSED',
      `Origin ${JSON.stringify(origin)} is not this console's (http://127.0.0.1:${port}); the console answers only its own page`,
    );
  }
  const target = new URL(request.url, `http://${host}`);
  const queryToken = target.searchParams.get('token');
  const cookieName = consoleCookieName(port);
  const authorization = header(request.headers, 'authorization');
  const bearer = authorization?.startsWith('Bearer ')
    ? authorization.slice('Bearer '.length).trim()
    : undefined;
  const presented = queryToken ?? bearer ?? cookieValue(header(request.headers, 'cookie'), cookieName);
  if (presented === undefined || presented === '') {
    return refuse(
      401,
      'TOKEN_REQUIRED',
      'the console needs its token: open the URL with ?token= that shiftflow printed when it started',
    );
  }
  if (!sameToken(presented, token)) {
    return refuse(
      401,
      'TOKEN_INVALID',
      "the token is not this console's (each start makes a new one): open the URL with ?token= that the running shiftflow printed",
    );
  }
  const method = request.method.toUpperCase();
  if (queryToken !== null && (method === 'GET' || method === 'HEAD')) {
    target.searchParams.delete('token');
    // A path of this console only (never `//other.host`): the redirect cannot leave it.
    const location = `/${target.pathname.replace(/^\/+/, '')}${target.search}`;
    return {
      kind: 'redirect',
      location,
      setCookie: `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    };
  }
  if (method !== 'GET' && method !== 'HEAD' && origin === undefined) {
    if (header(request.headers, consoleRequestHeader) !== '1') {
      return refuse(
        403,
        'CSRF_CHECK_FAILED',
        `a ${method} needs the console's Origin or the header ${consoleRequestHeader}: 1`,
      );
    }
  }
  return { kind: 'allow' };
}
