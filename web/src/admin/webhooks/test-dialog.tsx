/**
 * "Send test": choose an event, send the test payload synchronously (nothing is stored) and see what the
 * receiver answered — success or failure, status code, duration, and its body or the error. The test can be
 * sent again with another event. Test hooks: `#webhook-test-dialog`, `#webhook-test-event`,
 * `#webhook-test-send`, `#webhook-test-result` (`data-success`), `[data-test="status"|"duration"|"body"|"error"]`.
 */
import { useSignal } from '@preact/signals';
import { UnauthorizedError, errorMessage } from '../api.js';
import { Badge } from '../components/badge.js';
import { Button } from '../components/button.js';
import { Modal, openOverlay } from '../components/modal.js';
import type { WebhookEvent, WebhookResponse, WebhookTestResult } from '../../shared/types.js';
import { prettyJson } from './delivery-detail.js';
import { EVENT_INFO, WEBHOOK_EVENTS } from './webhook-events.js';
import type { WebhooksApi } from './webhooks-api.js';

type Outcome =
  { kind: 'idle' } | { kind: 'sent'; result: WebhookTestResult } | { kind: 'error'; message: string };

function TestResult({ result }: { result: WebhookTestResult }) {
  return (
    <section
      id="webhook-test-result"
      class="test-result"
      data-success={String(result.success)}
      aria-live="polite"
    >
      <p class="test-result-head">
        <Badge status={result.success ? 'ready' : 'failed'}>{result.success ? 'Delivered' : 'Failed'}</Badge>
      </p>
      <dl class="detail-list">
        <dt>Status code</dt>
        <dd data-test="status">{result.status_code ?? '—'}</dd>
        <dt>Duration</dt>
        <dd data-test="duration">{result.duration_ms} ms</dd>
        {result.error_message && (
          <>
            <dt>Error</dt>
            <dd data-test="error" class="text-error">
              {result.error_message}
            </dd>
          </>
        )}
      </dl>
      <h3 class="field-label">Response body</h3>
      {result.response_body ? (
        <pre class="code-block" data-test="body" tabIndex={0} aria-label="Response body">
          {prettyJson(result.response_body)}
        </pre>
      ) : (
        <p class="muted small" data-test="body">
          (empty)
        </p>
      )}
    </section>
  );
}

function TestDialog(props: {
  api: WebhooksApi;
  webhook: WebhookResponse;
  close: () => void;
  sent: () => void;
}) {
  const subscribed = WEBHOOK_EVENTS.filter((e) => props.webhook.events.includes(e));
  const event = useSignal<WebhookEvent>(subscribed[0] ?? 'video.ready');
  const busy = useSignal(false);
  const outcome = useSignal<Outcome>({ kind: 'idle' });

  async function send(ev: Event): Promise<void> {
    ev.preventDefault();
    busy.value = true;
    try {
      outcome.value = { kind: 'sent', result: await props.api.test(props.webhook.id, event.value) };
      props.sent();
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) outcome.value = { kind: 'error', message: errorMessage(err) };
    } finally {
      busy.value = false;
    }
  }

  const o = outcome.value;
  return (
    <Modal
      id="webhook-test-dialog"
      title={`Send a test to “${props.webhook.name}”`}
      onClose={props.close}
      footer={<Button onClick={props.close}>Close</Button>}
    >
      <form class="test-form" onSubmit={(ev) => void send(ev)}>
        <p class="muted small test-url">{props.webhook.url}</p>
        <div class="field">
          <label for="webhook-test-event" class="field-label">
            Event
          </label>
          <div class="test-row">
            <select
              id="webhook-test-event"
              class="input"
              value={event.value}
              onChange={(ev) => (event.value = ev.currentTarget.value as WebhookEvent)}
            >
              {WEBHOOK_EVENTS.map((e) => (
                <option key={e} value={e}>
                  {e}
                  {subscribed.includes(e) ? '' : ' (not subscribed)'}
                </option>
              ))}
            </select>
            <Button
              id="webhook-test-send"
              type="submit"
              variant="primary"
              icon="send"
              busy={busy.value}
              autoFocus
            >
              {busy.value ? 'Sending…' : 'Send test'}
            </Button>
          </div>
          <p class="field-hint">
            {EVENT_INFO[event.value]}. The test payload is marked X-VLog-Test: true and is not logged.
          </p>
        </div>
      </form>
      {o.kind === 'sent' && <TestResult result={o.result} />}
      {o.kind === 'error' && (
        <p id="webhook-test-result" class="form-error" role="alert" data-success="false">
          Could not send the test: {o.message}
        </p>
      )}
    </Modal>
  );
}

/** Opens the test dialog; `sent` runs after each test (the counters do not change, last triggered may). */
export function openTestDialog(api: WebhooksApi, webhook: WebhookResponse, sent: () => void): void {
  openOverlay((close) => <TestDialog api={api} webhook={webhook} close={close} sent={sent} />);
}
