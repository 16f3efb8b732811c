import { LocalAppError } from '../errors';
import type { ConsoleErrorCode } from './console-api';

/**
 * A console request the server refuses or cannot answer: carries the HTTP status and the API's
 * error code (`TOKEN_REQUIRED`, `BAD_REQUEST`, …) that the JSON error body shows. The server answers
 * it and goes on; it never stops the app.
 *
 * @example
 * throw new ConsoleRequestError(400, 'BAD_REQUEST', 'body field "sql" is missing; send { "sql": "select 1" }');
 */
export class ConsoleRequestError extends LocalAppError {
  readonly status: number;
  readonly apiCode: ConsoleErrorCode;
  readonly statementId: string | undefined;

  constructor(
    status: number,
    apiCode: ConsoleErrorCode,
    message: string,
    options?: ErrorOptions & { statementId?: string },
  ) {
    super('CONSOLE_REQUEST', message, options);
    this.status = status;
    this.apiCode = apiCode;
    this.statementId = options?.statementId;
  }
}

/** The console's built page (index.html, app.js, …) is not in its folder: the app was not built. */
export class ConsoleAssetsMissingError extends LocalAppError {
  readonly folder: string;

  constructor(folder: string, options?: ErrorOptions) {
    super(
      'CONSOLE_ASSETS_MISSING',
      `the console's page is missing: no index.html in ${folder}; build it with: pnpm --filter @shiftflow/local build (or start without the console: --no-console)`,
      options,
    );
    this.folder = folder;
  }
}
