/**
 * Sends arbitrary request bodies that the AWS SDK signs with SigV4 and records the raw HTTP
 * answer. The SDK builds and signs the request (a build-step middleware first swaps the body for
 * the test's own bytes, so the signature covers them); a custom request handler then sends it
 * over real HTTP with node:http, records status, headers and body, and hands the response back
 * to the SDK, whose own deserializer then reads it (a malformed AWS error shows up as a parse
 * failure). Shared by the Data API and SNS property tests (test code only).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type {
  BuildHandlerArguments,
  BuildMiddleware,
  HttpRequest,
  HttpResponse,
  MetadataBearer,
} from '@smithy/types';

/** What the endpoint answered, as received on the wire. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the next request is changed before signing (`body`, `headers`) or after signing (`stripHeaders`, `tamperedBody`). */
export interface RequestRewrite {
  body?: string;
  headers?: Record<string, string>;
  stripHeaders?: string[];
  /** Replaces the body after signing, as a man in the middle would (a function gets the signed body). */
  tamperedBody?: string | ((signedBody: string) => string);
}

/** A request handler for an SDK client plus a build middleware; see the module comment. */
export interface RawSignedChannel {
  requestHandler: {
    handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
    updateHttpClientConfig(): void;
    httpHandlerConfigs(): Record<string, never>;
  };
  middleware: BuildMiddleware<object, MetadataBearer>;
  /** Sets the change applied to the next request. */
  next(rewrite: RequestRewrite): void;
  /** The raw response to the last request; throws when it got none (e.g. the connection was reset). */
  last(): RawResponse;
}

function send(request: HttpRequest): Promise<RawResponse> {
  const query = new URLSearchParams(
    Object.entries(request.query ?? {}).flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value ?? '']).map((item) => [key, item] as [string, string]),
    ),
  ).toString();
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: request.hostname,
        port: request.port,
        method: request.method,
        path: `${request.path}${query === '' ? '' : `?${query}`}`,
        headers: request.headers,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(typeof request.body === 'string' ? request.body : Buffer.from(request.body ?? ''));
  });
}

/**
 * Creates the channel. Give `requestHandler` to the client's config and add `middleware` to its
 * middleware stack at the `build` step.
 *
 * @example
 * ```ts
 * const channel = rawSignedChannel();
 * const client = new RedshiftDataClient({ endpoint, region, credentials, requestHandler: channel.requestHandler, maxAttempts: 1 });
 * client.middlewareStack.add(channel.middleware, { step: 'build', name: 'rawBody' });
 * channel.next({ body: '{"Id": 1}' });
 * await client.send(new DescribeStatementCommand({ Id: 'x' })).catch(() => undefined);
 * channel.last(); // { status: 400, body: '{"__type":"ValidationException",...}' }
 * ```
 */
export function rawSignedChannel(): RawSignedChannel {
  let rewrite: RequestRewrite = {};
  let last: RawResponse | undefined;
  return {
    requestHandler: {
      async handle(request) {
        last = undefined;
        for (const name of rewrite.stripHeaders ?? []) {
          for (const header of Object.keys(request.headers)) {
            if (header.toLowerCase() === name.toLowerCase()) delete request.headers[header];
          }
        }
        if (rewrite.tamperedBody !== undefined) {
          const signedBody =
            typeof request.body === 'string'
              ? request.body
              : Buffer.from(request.body ?? '').toString('utf8');
          const tampered =
            typeof rewrite.tamperedBody === 'string'
              ? rewrite.tamperedBody
              : rewrite.tamperedBody(signedBody);
          request.body = tampered;
          request.headers['content-length'] = String(Buffer.byteLength(tampered));
        }
        last = await send(request);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(last.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
        }
        return {
          response: { statusCode: last.status, headers, body: Readable.from([Buffer.from(last.body)]) },
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    },
    middleware: (next) => async (args: BuildHandlerArguments<object>) => {
      const request = args.request as HttpRequest;
      if (rewrite.body !== undefined) {
        request.body = rewrite.body;
        request.headers['content-length'] = String(Buffer.byteLength(rewrite.body));
      }
      Object.assign(request.headers, rewrite.headers ?? {});
      return next(args);
    },
    next(change) {
      rewrite = change;
    },
    last() {
      if (last === undefined) throw new Error('the last request got no HTTP response');
      return last;
    },
  };
}
