/**
 * One delivery in full, loaded when its row is expanded: the event's data, the exact request body sent,
 * the receiver's answer (≤ 2000 characters) and the error. JSON is shown indented. Test hooks:
 * `.delivery-detail`, `[data-part="event_data"|"request_body"|"response_body"|"error"]`.
 */
import { useEffect } from 'preact/hooks';
import { ErrorState } from '../components/states.js';
import { useLoad } from '../components/use-load.js';
import type { WebhookDeliveryDetail } from '../../shared/types.js';

/** JSON text indented for reading; anything else as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Part(props: { part: string; title: string; text: string | null }) {
  return (
    <div class="delivery-part" data-part={props.part}>
      <h4 class="detail-title">{props.title}</h4>
      {props.text ? (
        <pre class="code-block" tabIndex={0} aria-label={props.title}>
          {props.text}
        </pre>
      ) : (
        <p class="muted small">(none)</p>
      )}
    </div>
  );
}

export function DeliveryDetail(props: { id: string; load: () => Promise<WebhookDeliveryDetail> }) {
  const { state, reload } = useLoad(props.load);
  useEffect(() => void reload(), []);
  const s = state.value;
  return (
    <div id={props.id} class="delivery-detail" aria-busy={s.kind === 'loading' ? 'true' : 'false'}>
      {s.kind === 'loading' && (
        <p class="muted" role="status">
          Loading the delivery…
        </p>
      )}
      {s.kind === 'error' && (
        <ErrorState title="Could not load the delivery" message={s.message} onRetry={() => void reload()} />
      )}
      {s.kind === 'ready' && (
        <>
          {s.data.error_message && (
            <div class="delivery-part" data-part="error">
              <h4 class="detail-title">Error</h4>
              <p class="text-error">{s.data.error_message}</p>
            </div>
          )}
          <Part part="event_data" title="Event data" text={JSON.stringify(s.data.event_data, null, 2)} />
          <Part
            part="request_body"
            title="Request body"
            text={s.data.request_body === null ? null : prettyJson(s.data.request_body)}
          />
          <Part
            part="response_body"
            title="Response body"
            text={s.data.response_body === null ? null : prettyJson(s.data.response_body)}
          />
        </>
      )}
    </div>
  );
}
