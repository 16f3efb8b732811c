// A tiny SNS endpoint inside the consumer: the awsQuery protocol the SDK speaks for Publish
// (form-encoded request, XML answer). It records every publish; anything but Publish is refused.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

export async function startSnsEndpoint() {
  const publishes = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const requestId = randomUUID();
      response.setHeader('x-amzn-RequestId', requestId);
      response.setHeader('Content-Type', 'text/xml');
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
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    publishes,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
