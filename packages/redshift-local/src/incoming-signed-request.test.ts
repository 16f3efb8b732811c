import { describe, expect, it } from 'vitest';
import { headerValue } from './incoming-signed-request';

describe('headerValue', () => {
  it('returns a header sent once as it is', () => {
    expect(headerValue({ host: '127.0.0.1:4566' }, 'host')).toBe('127.0.0.1:4566');
  });

  it('joins the values of a repeated header with commas', () => {
    expect(headerValue({ 'x-custom': ['a', 'b'] }, 'x-custom')).toBe('a,b');
  });

  it('returns undefined for a header not sent', () => {
    expect(headerValue({ host: 'h' }, 'authorization')).toBeUndefined();
  });
});
