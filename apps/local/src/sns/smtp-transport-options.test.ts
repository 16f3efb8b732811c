import { describe, expect, it } from 'vitest';
import { InvalidSubscriberError } from './errors';
import { smtpTransportOptions } from './smtp-transport-options';

describe('smtpTransportOptions', () => {
  it('uses port 465 and TLS for smtps:// without a port', () => {
    expect(smtpTransportOptions('smtps://mail.example.com')).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      ignoreTLS: false,
    });
  });

  it('uses port 25 without STARTTLS for smtp:// without a port', () => {
    expect(smtpTransportOptions('smtp://127.0.0.1')).toEqual({
      host: '127.0.0.1',
      port: 25,
      secure: false,
      ignoreTLS: true,
    });
  });

  it('keeps an explicit port and decodes the credentials', () => {
    expect(smtpTransportOptions('smtp://data%40team:p%3Ass@127.0.0.1:2525')).toEqual({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'data@team', pass: 'p:ss' },
    });
  });

  it('refuses a URL of another protocol, naming it', () => {
    expect(() => smtpTransportOptions('http://127.0.0.1:2525')).toThrow(InvalidSubscriberError);
    expect(() => smtpTransportOptions('http://127.0.0.1:2525')).toThrow('"http://127.0.0.1:2525"');
  });
});
