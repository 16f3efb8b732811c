/**
 * A tiny SNS endpoint for integration tests: speaks the awsQuery protocol the SDK uses for
 * Publish (form-encoded request, XML response), records every publish and can be told to fail.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedPublish {
  topicArn: string | null;
  subject: string | null;
  message: string | null;
  messageStructure: string | null;
}

export interface SnsQueryServer {
  endpoint: string;
  publishes: RecordedPublish[];
  /** The next `count` requests answer 500 InternalError (the SDK retries these). */
  failNext(count: number): void;
  close(): Promise<void>;
}

export async function startSnsQueryServer(): Promise<SnsQueryServer> {
  const publishes: RecordedPublish[] = [];
  let failures = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const requestId = randomUUID();
      response.setHeader('x-amzn-RequestId', requestId);
      response.setHeader('Content-Type', 'text/xml');
      if (failures > 0) {
        failures -= 1;
        response.statusCode = 500;
        response.end(
          `<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>test failure</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
        return;
      }
      if (form.get('Action') !== 'Publish') {
        response.statusCode = 400;
        response.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${form.get('Action')}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
        return;
      }
      publishes.push({
        topicArn: form.get('TopicArn'),
        subject: form.get('Subject'),
        message: form.get('Message'),
        messageStructure: form.get('MessageStructure'),
      });
      response.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    publishes,
    failNext(count) {
      failures = count;
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
