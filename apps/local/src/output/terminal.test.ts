import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Terminal } from './terminal';

function capture(isTTY: boolean, environment: NodeJS.ProcessEnv = {}) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, terminal: new Terminal(stream, environment), text: () => chunks.join('') };
}

describe('Terminal', () => {
  it('escapes control characters in a line but keeps newlines and tabs', () => {
    const { terminal, text } = capture(false);

    terminal.line('value \u001b]0;title\u0007 \r\u009b2J\nnext\tcolumn');

    expect(text()).toBe('value \\u001b]0;title\\u0007 \\r\\u009b2J\nnext\tcolumn\n');
  });

  it('keeps its own colours on a colour terminal and escapes every other escape sequence', () => {
    const { terminal, text } = capture(true);

    terminal.line(`${terminal.style('red', 'error:')} \u001b[2J\u001b[31;1m\u001b]8;;http://x\u001b\\`);

    expect(text()).toBe('\u001b[31merror:\u001b[39m \\u001b[2J\\u001b[31;1m\\u001b]8;;http://x\\u001b\\\n');
  });

  it('keeps no escape sequence when colour is off', () => {
    const { terminal, text } = capture(true, { NO_COLOR: '1' });

    terminal.line(`${terminal.style('red', 'error:')} \u001b[31m`);

    expect(text()).toBe('error: \\u001b[31m\n');
  });

  it('escapes what other writers send through its stream', async () => {
    const { terminal, text } = capture(false);

    await new Promise<void>((resolve) => terminal.stream.write('mail \u001b[2J body\n', () => resolve()));

    expect(text()).toBe('mail \\u001b[2J body\n');
  });

  it('drops writes without throwing once the reader has gone', async () => {
    const { stream, terminal, text } = capture(false);
    terminal.line('before');
    stream.destroy();

    terminal.line('after');
    await terminal.write('after');

    expect(text()).toBe('before\n');
  });
});
