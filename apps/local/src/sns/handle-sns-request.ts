import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SnsApiError } from './errors';
import type { PublishTargets } from './publish-message';
import { renderSnsError, renderSnsResponse } from './render-sns-xml';
import { routeSnsAction } from './route-sns-action';
import { verifySignature } from './verify-signature';

const maximumBodyBytes = 8 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maximumBodyBytes) {
        reject(
          new SnsApiError(
            'RequestEntityTooLarge',
            `Request body is larger than ${maximumBodyBytes} bytes`,
            413,
          ),
        );
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The query string's parameters, then the form body's (which win). */
function parametersOf(request: IncomingMessage, body: string): Map<string, string> {
  const parameters = new Map<string, string>(new URL(request.url ?? '/', 'http://localhost').searchParams);
  for (const [key, value] of new URLSearchParams(body)) parameters.set(key, value);
  return parameters;
}

/**
 * Answers one HTTP request of the local SNS endpoint: reads the body, checks the SigV4 signature
 * against `accessKeys`, runs the action and writes the awsQuery XML response, or an `<ErrorResponse>`
 * (any error that is not an {@link SnsApiError} is an `InternalError`, logged to standard error).
 *
 * @example
 * ```ts
 * createServer((request, response) => void handleSnsRequest(request, response, { test: 'test' }, targets));
 * ```
 */
export async function handleSnsRequest(
  request: IncomingMessage,
  response: ServerResponse,
  accessKeys: Readonly<Record<string, string>>,
  targets: PublishTargets,
): Promise<void> {
  const requestId = randomUUID();
  response.setHeader('x-amzn-RequestId', requestId);
  response.setHeader('Content-Type', 'text/xml');
  try {
    const body = await readBody(request);
    await verifySignature(
      { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
      accessKeys,
    );
    const [action, pending] = routeSnsAction(parametersOf(request, body), targets);
    const result = await pending;
    response.writeHead(200).end(renderSnsResponse(action, result, requestId));
  } catch (error) {
    const apiError =
      error instanceof SnsApiError
        ? error
        : new SnsApiError(
            'InternalError',
            `Internal error: ${error instanceof Error ? error.message : String(error)}`,
            500,
            { cause: error },
          );
    if (apiError.status >= 500)
      process.stderr.write(`local SNS: ${String(error instanceof Error ? error.stack : error)}\n`);
    response.writeHead(apiError.status).end(renderSnsError(apiError, requestId));
  }
}
