import type { SnsApiError } from './errors';

const namespace = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Renders an awsQuery success response: `<{Action}Response><{Action}Result>…</…><ResponseMetadata>…`.
 *
 * @example
 * ```ts
 * renderSnsResponse('Publish', '<MessageId>abc</MessageId>', requestId);
 * ```
 */
export function renderSnsResponse(action: string, resultXml: string, requestId: string): string {
  return `<${action}Response xmlns="${namespace}"><${action}Result>${resultXml}</${action}Result><ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${action}Response>`;
}

/**
 * Renders an awsQuery error response.
 *
 * @example
 * ```ts
 * renderSnsError(new SnsApiError('NotFound', 'Topic does not exist', 404), requestId);
 * ```
 */
export function renderSnsError(error: SnsApiError, requestId: string): string {
  return `<ErrorResponse xmlns="${namespace}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.awsErrorCode)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
}
