// Part of the console's HTTP contract (see console-api.ts): imports nothing but zod and the contract's
// other schema files, so the page can take it as it is.
import { z } from 'zod';

/** Stable codes of console API errors (the `code` of an error body). */
export const consoleErrorCodeSchema = z.enum([
  /** 401: no token in the query, cookie or Authorization header. */
  'TOKEN_REQUIRED',
  /** 401: a token was given but it is not this console's (the console was restarted?). */
  'TOKEN_INVALID',
  /** 403: the Host header is not 127.0.0.1:<port> or localhost:<port> (DNS rebinding). */
  'HOST_REFUSED',
  /** 403: Origin or Sec-Fetch-Site says the request comes from another site. */
  'ORIGIN_REFUSED',
  /** 403: a POST without the console's Origin and without the x-shiftflow-console header. */
  'CSRF_CHECK_FAILED',
  /** 404: no such route, run or file. */
  'NOT_FOUND',
  /** 405: the route exists but not with this method. */
  'METHOD_NOT_ALLOWED',
  /** 400: a body or parameter that does not fit the schema; the message names it. */
  'BAD_REQUEST',
  /** 413: a request body over 1 MiB. */
  'BODY_TOO_LARGE',
  /** 409: Run now while a run is already queued or running. */
  'RUN_ACTIVE',
  /** 409: Run now on a console that cannot start runs. */
  'RUN_UNAVAILABLE',
  /** 400: the SQL statement FAILED on the local Redshift; the message is Redshift's error text. */
  'STATEMENT_FAILED',
  /** 400: the SQL statement was ABORTED (cancelled). */
  'STATEMENT_ABORTED',
  /** 400: the SQL or a Data API parameter was refused before it ran (e.g. empty SQL). */
  'VALIDATION',
  /** 404: GetStatementResult does not know this statement or token any more. */
  'RESULT_NOT_FOUND',
  /** 503: the local Redshift cannot be reached right now. */
  'ENGINE_UNAVAILABLE',
  /** 500: anything else; the message says what failed. */
  'INTERNAL',
]);
/** A console API error code. */
export type ConsoleErrorCode = z.infer<typeof consoleErrorCodeSchema>;

/** Body of every error response. */
export const consoleErrorSchema = z.object({
  code: consoleErrorCodeSchema,
  message: z.string(),
  /** The statement, for STATEMENT_FAILED / STATEMENT_ABORTED. */
  statementId: z.string().nullable().optional(),
});
/** Body of every error response. */
export type ConsoleErrorBody = z.infer<typeof consoleErrorSchema>;
