import { UsageError } from '../errors';

/**
 * The option values of one command line, by flag name without its dashes: a string for a flag
 * that takes a value, `true` for a switch, as `parseCommandLine` reads them. Commands read them
 * through {@link integerOption} and {@link urlOption}, which name the flag and the bad value.
 */
export type CommandOptions = Record<string, string | boolean | undefined>;

/**
 * Reads a whole-number flag value.
 *
 * @throws UsageError showing the flag and the bad value.
 * @example
 * integerOption({ rows: '500' }, 'rows', 20_000, 1); // 500
 */
export function integerOption(
  options: CommandOptions,
  name: string,
  fallback: number,
  minimum: number,
  maximum = Number.MAX_SAFE_INTEGER,
): number {
  const value = options[name];
  if (value === undefined) return fallback;
  const text = String(value);
  const number = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < minimum || number > maximum) {
    const range =
      maximum === Number.MAX_SAFE_INTEGER ? `at least ${minimum}` : `from ${minimum} to ${maximum}`;
    throw new UsageError(`--${name} must be a whole number ${range}, got "${text}"`, { argument: text });
  }
  return number;
}

/**
 * Reads a URL flag value and checks its protocol.
 *
 * @throws UsageError showing the flag and the bad value.
 * @example
 * urlOption({ smtp: 'smtp://127.0.0.1:2525' }, 'smtp', ['smtp:', 'smtps:']); // 'smtp://127.0.0.1:2525'
 */
export function urlOption(
  options: CommandOptions,
  name: string,
  protocols: readonly string[],
): string | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  const text = String(value);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // Not a URL at all: reported below with the expected form.
    url = undefined;
  }
  if (!url || !protocols.includes(url.protocol)) {
    throw new UsageError(
      `--${name} must be a URL starting with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}, got "${text}"`,
      { argument: text },
    );
  }
  return text;
}
