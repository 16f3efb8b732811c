/**
 * Notification deliveries that keep failing. The built CLI runs the pipeline with
 * an SMTP server that refuses every message (451) and a webhook that answers 500: each delivery
 * must be retried, then dead-lettered as a file in the state's dead-letter folder, never silently
 * dropped; the run itself still succeeds and the outbox still gets the notification.
 */

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli-process';

let state: string;

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  state = await mkdtemp(path.join(tmpdir(), 'shiftflow-delivery-faults-'));
});
afterAll(async () => {
  await rm(state, { recursive: true, force: true });
});

describe('SMTP and webhook deliveries that keep failing', () => {
  it('are retried, then dead-lettered as files; the run still succeeds', async () => {
    let smtpAttempts = 0;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onMailFrom(_address, _session, callback) {
        smtpAttempts++;
        const error = Object.assign(new Error('mailbox unavailable, try later'), { responseCode: 451 });
        callback(error);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    let webhookAttempts = 0;
    const webhook = createServer((request, response) => {
      webhookAttempts++;
      request.resume();
      request.on('end', () => {
        response.statusCode = 500;
        response.end('down');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    try {
      const result = await runCliProcess([
        'run',
        '--json',
        '--rows',
        '100',
        '--smtp',
        `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        '--webhook',
        `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
        '--state-dir',
        state,
      ]);

      expect(result.code, result.stderr).toBe(0);
      const outbox = await filesUnder(path.join(state, 'outbox'));
      expect(outbox).toHaveLength(1);
      // Retried: more than one attempt each.
      expect(smtpAttempts).toBeGreaterThan(1);
      expect(webhookAttempts).toBeGreaterThan(1);
      // Reported, not swallowed.
      expect(result.stderr).toMatch(/smtp/i);
      expect(result.stderr).toMatch(/webhook|http/i);
      // Dead-lettered: one file per failed subscriber, holding the notification.
      const deadLetters = await filesUnder(path.join(state, 'dead-letter'));
      const contents = await Promise.all(deadLetters.map((file) => readFile(file, 'utf8')));
      expect(contents.filter((text) => /smtp/i.test(text))).toHaveLength(1);
      expect(contents.filter((text) => /webhook|"protocol":\s*"https?"/i.test(text))).toHaveLength(1);
      for (const text of contents) expect(text).toContain('nyc-taxi run succeeded');
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => webhook.close(() => resolve()));
    }
  });
});
