import { readFileSync } from 'node:fs';

const timestampKeys = new Set(['CreatedAt', 'UpdatedAt', 'SessionTtl']);

/**
 * Loads a fixture (a Data API response body exactly as the service sends it) and converts it the
 * way the AWS SDK deserializer does: epoch-second timestamps become Dates, base64 blobs Uint8Arrays.
 * test/wire.test.ts serves the same files over HTTP to the real SDK to check this conversion.
 */
export function fixture<T>(name: string): T & { $metadata: Record<string, never> } {
  const text = readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8');
  return { ...(convert(JSON.parse(text)) as T), $metadata: {} };
}

/** The raw response body of a fixture, for serving it over HTTP. */
export function fixtureBody(name: string): string {
  return readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8');
}

function convert(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item));
  if (typeof value === 'number' && key !== undefined && timestampKeys.has(key)) return new Date(value * 1000);
  if (typeof value === 'string' && key === 'blobValue') return Uint8Array.from(Buffer.from(value, 'base64'));
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) if (item !== null) result[name] = convert(item, name);
    return result;
  }
  return value;
}
