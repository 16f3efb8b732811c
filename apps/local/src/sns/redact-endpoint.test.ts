import { describe, expect, it } from 'vitest';
import { redactEndpoint } from './redact-endpoint';

describe('redactEndpoint', () => {
  it("hides a URL's password and secret query values, and keeps the rest", () => {
    expect(redactEndpoint('smtp://mailer:s3cret@mail.example.com:587')).toBe(
      'smtp://mailer:****@mail.example.com:587',
    );
    expect(redactEndpoint('https://hooks.example.com/in?token=abc&team=data&api_key=k&sig=s')).toBe(
      'https://hooks.example.com/in?token=****&team=data&api_key=****&sig=****',
    );
    expect(redactEndpoint('http://127.0.0.1:8080/sns')).toBe('http://127.0.0.1:8080/sns');
  });

  it('returns what is not a URL as it is', () => {
    expect(redactEndpoint('terminal')).toBe('terminal');
  });
});
