import { describe, expect, it } from 'vitest';
import { shouldUseColour } from './should-use-colour';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('shouldUseColour', () => {
  it('colours a TTY and not a pipe when nothing is set', () => {
    expect(shouldUseColour(tty, {})).toBe(true);
    expect(shouldUseColour(pipe, {})).toBe(false);
  });

  it('turns colour off for a non-empty NO_COLOR only', () => {
    expect(shouldUseColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColour(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('turns colour on with FORCE_COLOR, also for a pipe and over NO_COLOR, and off with FORCE_COLOR=0', () => {
    expect(shouldUseColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColour(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(shouldUseColour(tty, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(shouldUseColour(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColour(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });

  it('gives a dumb terminal no colour', () => {
    expect(shouldUseColour(tty, { TERM: 'dumb' })).toBe(false);
  });
});
