import type { DeliveryInfo } from '../../console-api';
import { formatTime } from '../format';
import { StatusBadge } from './status-badge';

/** The subscriber's name without its protocol prefix (`webhook:http://…` → `http://…`). */
function subscriberName(delivery: DeliveryInfo): string {
  const colon = delivery.subscriber.indexOf(':');
  return colon > 0 && !delivery.subscriber.startsWith('http')
    ? delivery.subscriber.slice(colon + 1)
    : delivery.subscriber;
}

/**
 * One message's deliveries, one row per subscriber: protocol, endpoint (credentials redacted by the
 * server), attempts, outcome, the last attempt's error and when it ended (UTC).
 */
export function DeliveryTable({ deliveries }: { deliveries: readonly DeliveryInfo[] }) {
  return (
    <table class="deliveries" data-testid="deliveries">
      <caption>Delivery per subscriber</caption>
      <thead>
        <tr>
          <th scope="col">Protocol</th>
          <th scope="col">Endpoint</th>
          <th scope="col" class="number">
            Attempts
          </th>
          <th scope="col">Outcome</th>
          <th scope="col">Last error</th>
          <th scope="col">At</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr
            key={delivery.subscriber}
            data-testid="delivery"
            data-outcome={delivery.outcome}
            data-protocol={delivery.protocol}
            data-subscriber={delivery.subscriber}
          >
            <td>{delivery.protocol === 'other' ? delivery.subscriber : delivery.protocol}</td>
            <td class="mono" data-testid="delivery-endpoint" title={delivery.detail}>
              {delivery.endpoint ?? subscriberName(delivery)}
            </td>
            <td class="number" data-testid="delivery-attempts">
              {delivery.attempts ?? '—'}
            </td>
            <td>
              <StatusBadge status={delivery.outcome} />
            </td>
            <td class="mono error-text" data-testid="delivery-error">
              {delivery.error ?? (delivery.outcome === 'delivered' ? '' : delivery.detail)}
            </td>
            <td>{delivery.at ? <time dateTime={delivery.at}>{formatTime(delivery.at)}</time> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
