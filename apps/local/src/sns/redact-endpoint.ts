/** Query parameters whose values are secrets by their name (tokens, keys, signatures, passwords). */
const secretParameter = /token|key|secret|sig|pass|auth|credential|code/i;

/**
 * A subscriber's endpoint as it may be shown and logged: the URL's password and the values of
 * query parameters named like secrets become `****`. A value that is not a URL is returned as is.
 *
 * @example
 * redactEndpoint('smtp://mailer:s3cret@mail.example.com:587'); // 'smtp://mailer:****@mail.example.com:587'
 * redactEndpoint('https://hooks.example.com/in?token=abc&team=data'); // 'https://hooks.example.com/in?token=****&team=data'
 */
export function redactEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return endpoint; // not a URL (an e-mail address, a name): nothing in it to redact
  }
  if (url.password !== '') url.password = '****';
  for (const name of [...url.searchParams.keys()]) {
    if (secretParameter.test(name)) url.searchParams.set(name, '****');
  }
  return url.toString();
}
