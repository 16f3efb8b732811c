import { useEffect } from 'preact/hooks';
import { DeliveryTable } from '../components/delivery-table';
import { LoadState, Notice } from '../components/notice';
import { StatusBadge } from '../components/status-badge';
import { consoleApi, liveEventNames } from '../console-client';
import { formatTime } from '../format';
import { useLiveEvents } from '../live-events';
import { routePath } from '../router';
import { useResource } from '../use-resource';

/** Every SNS message, newest first, as the e-mail reads, with each subscriber's outcome. */
export function InboxPage({ messageId }: { messageId?: string }) {
  const inbox = useResource('inbox', consoleApi.inbox);
  useLiveEvents(liveEventNames.messages, inbox.reload);
  const messages = inbox.data?.messages ?? [];
  useEffect(() => {
    if (messageId === undefined || !inbox.data) return;
    document.getElementById(`message-${messageId}`)?.scrollIntoView({ block: 'start' });
  }, [messageId, inbox.data]);
  return (
    <>
      <h1>Inbox</h1>
      <p class="lead">
        Every message published to SNS, newest first, as the e-mail reads, and where it went.
      </p>
      <LoadState error={inbox.error} loading={inbox.loading && !inbox.data} what="the inbox" />
      {inbox.data && messages.length === 0 && <Notice kind="info">No messages yet.</Notice>}
      {messages.map((message) => (
        <article
          key={message.messageId}
          id={`message-${message.messageId}`}
          class={message.messageId === messageId ? 'email selected' : 'email'}
          aria-labelledby={`subject-${message.messageId}`}
          aria-current={message.messageId === messageId ? 'true' : undefined}
          data-testid="message"
          data-message-id={message.messageId}
        >
          <header>
            <h2 class="subject" id={`subject-${message.messageId}`}>
              {message.outcome && <StatusBadge status={message.outcome} />}{' '}
              <a href={routePath({ page: 'inbox', messageId: message.messageId })}>
                {message.subject ?? '(no subject)'}
              </a>
            </h2>
            <div class="meta">
              {message.email && (
                <>
                  From: {message.email.from} · To: {message.email.to} ·{' '}
                </>
              )}
              <time dateTime={message.publishedAt}>{formatTime(message.publishedAt)}</time> · Topic{' '}
              <span class="mono">{message.topicArn}</span>
              {message.runId && (
                <>
                  {' '}
                  · <a href={routePath({ page: 'run', runId: message.runId })}>the run</a>
                </>
              )}
            </div>
          </header>
          <pre class="body" data-testid="message-body">
            {message.body}
          </pre>
          <footer>
            <DeliveryTable deliveries={message.deliveries} />
          </footer>
        </article>
      ))}
    </>
  );
}
