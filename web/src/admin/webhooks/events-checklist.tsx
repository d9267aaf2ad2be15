/**
 * The events a webhook subscribes to: one checkbox per event (name and meaning) and "Select all", which is
 * mixed (indeterminate) while only some are chosen. Test hooks: `#webhook-events`, `#webhook-events-all`,
 * each box `[data-event="<name>"]`, `#webhook-events-error`.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { WebhookEvent } from '../../shared/types.js';
import { EVENT_INFO, WEBHOOK_EVENTS } from './webhook-events.js';

export function EventsChecklist(props: {
  selected: WebhookEvent[];
  error?: string | undefined;
  onChange: (events: WebhookEvent[]) => void;
}) {
  const all = useRef<HTMLInputElement>(null);
  const count = props.selected.length;
  const every = count === WEBHOOK_EVENTS.length;
  useEffect(() => {
    if (all.current) all.current.indeterminate = count > 0 && !every;
  }, [count, every]);
  const toggle = (event: WebhookEvent, on: boolean) =>
    props.onChange(on ? [...props.selected, event] : props.selected.filter((e) => e !== event));

  return (
    <fieldset
      id="webhook-events"
      class="webhook-events"
      aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={props.error ? 'webhook-events-error' : undefined}
    >
      <legend class="field-label">Events</legend>
      <label class="checkbox-field webhook-events-all">
        <input
          ref={all}
          id="webhook-events-all"
          type="checkbox"
          checked={every}
          onChange={(ev) => props.onChange(ev.currentTarget.checked ? [...WEBHOOK_EVENTS] : [])}
        />
        Select all{' '}
        <span class="muted small">
          ({count} of {WEBHOOK_EVENTS.length})
        </span>
      </label>
      <ul class="webhook-event-list">
        {WEBHOOK_EVENTS.map((event) => (
          <li key={event}>
            <label class="checkbox-field">
              <input
                type="checkbox"
                data-event={event}
                checked={props.selected.includes(event)}
                onChange={(ev) => toggle(event, ev.currentTarget.checked)}
              />
              <span>
                <code class="event-name">{event}</code>
                <span class="muted small event-info">{EVENT_INFO[event]}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <p id="webhook-events-error" class="form-error" role="alert">
        {props.error}
      </p>
    </fieldset>
  );
}
