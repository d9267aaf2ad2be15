/**
 * Create / edit a webhook in a modal: name, URL (with hints while typing, and the server's 422 — its SSRF
 * check — shown under the field), the events checklist, the secret, custom headers and Active. Problems
 * found before sending show next to their field and the first one gets the focus; the modal closes once saved.
 *
 * Test hooks: `#webhook-dialog`, `#webhook-name`, `#webhook-url`, `#webhook-url-hint`, `#webhook-url-error`,
 * `#webhook-active`, `#webhook-save`, `#webhook-form-error` (and those of the field components).
 */
import { useSignal } from '@preact/signals';
import { HttpError, UnauthorizedError, errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { Modal, openOverlay } from '../components/modal.js';
import { Switch } from '../components/switch.js';
import type { WebhookResponse } from '../../shared/types.js';
import { EventsChecklist } from './events-checklist.js';
import { HeadersEditor } from './headers-editor.js';
import { SecretField } from './secret-field.js';
import {
  NAME_MAX,
  URL_MAX,
  hasErrors,
  initialForm,
  urlHint,
  validate,
  type FormErrors,
  type WebhookFormState,
} from './webhook-form.js';

/** Saves the form (create or update); throws to keep the dialog open with the message. */
export type SaveWebhook = (form: WebhookFormState) => Promise<void>;

/** The first field with a problem, to move the focus to. */
function firstInvalid(errors: FormErrors): string | null {
  if (errors.name) return '#webhook-name';
  if (errors.url) return '#webhook-url';
  if (errors.events) return '#webhook-events-all';
  if (errors.secret) return '#webhook-secret';
  if (errors.rows) return '#webhook-headers [aria-invalid="true"]';
  return null;
}

function WebhookDialog(props: { initial: WebhookResponse | null; save: SaveWebhook; close: () => void }) {
  const editing = props.initial;
  const form = useSignal<WebhookFormState>(initialForm(editing));
  const errors = useSignal<FormErrors>({});
  const submitted = useSignal(false);
  const serverUrlError = useSignal('');
  const formError = useSignal('');
  const busy = useSignal(false);

  const update = (patch: Partial<WebhookFormState>) => {
    form.value = { ...form.value, ...patch };
    if ('url' in patch) serverUrlError.value = '';
    // Header rows are checked as they are typed; the other fields once a save was tried.
    const now = validate(form.value);
    errors.value = submitted.value ? now : { ...(now.rows ? { rows: now.rows } : {}) };
  };

  async function submit(ev: Event): Promise<void> {
    ev.preventDefault();
    submitted.value = true;
    errors.value = validate(form.value);
    formError.value = '';
    if (hasErrors(errors.value)) {
      const selector = firstInvalid(errors.value);
      if (selector) document.querySelector<HTMLElement>(`#webhook-dialog ${selector}`)?.focus();
      return;
    }
    busy.value = true;
    try {
      await props.save(form.value);
      props.close();
    } catch (err) {
      busy.value = false;
      if (err instanceof UnauthorizedError) return;
      if (err instanceof HttpError && err.status === 422) {
        // The server's SSRF check refused the URL ("… blocked …"): say so where the URL is typed.
        serverUrlError.value = err.detail;
        document.querySelector<HTMLElement>('#webhook-url')?.focus();
      } else {
        formError.value = errorMessage(err);
      }
    }
  }

  const f = form.value;
  const e = errors.value;
  const urlError = e.url ?? serverUrlError.value;
  const hint = urlError ? null : urlHint(f.url);
  const urlDescribed = ['webhook-url-hint', urlError ? 'webhook-url-error' : ''].join(' ').trim();
  return (
    <Modal
      id="webhook-dialog"
      title={editing ? `Edit webhook “${editing.name}”` : 'Create webhook'}
      onClose={props.close}
      footer={
        <>
          <Button onClick={props.close}>Cancel</Button>
          <Button id="webhook-save" variant="primary" busy={busy.value} type="submit" form="webhook-form">
            {editing ? 'Save changes' : 'Create webhook'}
          </Button>
        </>
      }
    >
      <form id="webhook-form" class="webhook-form" onSubmit={(ev) => void submit(ev)} noValidate>
        <div class="field">
          <label for="webhook-name" class="field-label">
            Name
          </label>
          <input
            id="webhook-name"
            class="input"
            maxLength={NAME_MAX}
            required
            autoFocus
            autoComplete="off"
            placeholder="Team chat"
            value={f.name}
            aria-invalid={e.name ? 'true' : undefined}
            aria-describedby={e.name ? 'webhook-name-error' : undefined}
            onInput={(ev) => update({ name: ev.currentTarget.value })}
          />
          {e.name && (
            <p id="webhook-name-error" class="form-error">
              {e.name}
            </p>
          )}
        </div>
        <div class="field">
          <label for="webhook-url" class="field-label">
            URL
          </label>
          <input
            id="webhook-url"
            class="input"
            type="url"
            inputMode="url"
            maxLength={URL_MAX}
            required
            autoComplete="off"
            spellcheck={false}
            placeholder="https://example.com/hooks/vlog"
            value={f.url}
            aria-invalid={urlError ? 'true' : undefined}
            aria-describedby={urlDescribed}
            onInput={(ev) => update({ url: ev.currentTarget.value })}
          />
          <p id="webhook-url-hint" class="field-hint">
            {hint ?? 'Events are sent as a POST with a JSON body; redirects are not followed.'}
          </p>
          <p id="webhook-url-error" class="form-error" role="alert">
            {urlError}
          </p>
        </div>
        <EventsChecklist selected={f.events} error={e.events} onChange={(events) => update({ events })} />
        <SecretField
          secret={f.secret}
          removeSecret={f.removeSecret}
          hasSecret={editing?.has_secret ?? false}
          error={e.secret}
          onChange={update}
        />
        <HeadersEditor
          rows={f.headers}
          errors={e.rows ?? {}}
          error={e.headers}
          onChange={(headers) => update({ headers })}
        />
        <div class="switch-field">
          <Switch id="webhook-active" checked={f.active} onChange={(active) => update({ active })}>
            <span class="switch-text">Active</span>
          </Switch>
          <span class="field-hint">Inactive webhooks keep their settings and log but receive nothing.</span>
        </div>
        <p id="webhook-form-error" class="form-error" role="alert">
          {formError.value}
        </p>
      </form>
    </Modal>
  );
}

/** Opens the dialog; `save` creates or updates (it throws to keep the form open with the message). */
export function openWebhookDialog(initial: WebhookResponse | null, save: SaveWebhook): void {
  openOverlay((close) => <WebhookDialog initial={initial} save={save} close={close} />);
}
