/** The page's only way to the console server: same-origin JSON requests, the token in a cookie. */
import type { ConsoleErrorBody } from '../console-api';

/** A request the console server refused or could not answer; `message` is the server's own text. */
export class ConsoleRequestError extends Error {
  readonly code = 'CONSOLE_REQUEST_FAILED';
  readonly status: number;
  /** The contract's error code (`STATEMENT_FAILED`, `RUN_ACTIVE`, …), when the body had one. */
  readonly serverCode: string | undefined;
  readonly statementId: string | null | undefined;
  constructor(status: number, message: string, body?: Partial<ConsoleErrorBody>) {
    super(message);
    this.name = 'ConsoleRequestError';
    this.status = status;
    this.serverCode = body?.code;
    this.statementId = body?.statementId;
  }
}

/** The `{ code, message, statementId }` of an error body, or nothing for another shape. */
function errorBody(parsed: unknown): Partial<ConsoleErrorBody> {
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { code, message, statementId } = parsed as Record<string, unknown>;
  return {
    ...(typeof code === 'string' && { code: code as ConsoleErrorBody['code'] }),
    ...(typeof message === 'string' && { message }),
    ...(typeof statementId === 'string' && { statementId }),
  };
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw new ConsoleRequestError(
      response.status,
      `${method} ${path} answered ${response.status} with something other than JSON (${String(error)}): ${text.slice(0, 200)}`,
    );
  }
  if (!response.ok) {
    const errorFields = errorBody(parsed);
    throw new ConsoleRequestError(
      response.status,
      errorFields.message ?? `${method} ${path} answered ${response.status}`,
      errorFields,
    );
  }
  // The server checks what it sends against the contract's schemas (its tests); the page takes the
  // types, not zod, so the bundle stays small.
  return parsed as T;
}

/** GET a JSON resource of the console API. */
export function getJson<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

/** POST a JSON body to the console API. */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>('POST', path, body);
}
