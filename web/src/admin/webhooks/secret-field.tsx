/**
 * The signing secret (32–64 characters; deliveries then carry `X-VLog-Signature: sha256=…`). "Generate"
 * fills in a random one from crypto.getRandomValues; the field shows it so it can be copied to the receiver.
 * When editing a webhook that has a secret: an empty field keeps it, "Remove secret" deletes it. The API
 * never returns a stored secret. Test hooks: `#webhook-secret`, `#webhook-secret-generate`,
 * `#webhook-secret-remove`, `#webhook-secret-error`.
 */
import { Button } from '../components/button.js';
import { SECRET_MAX, generateSecret } from './webhook-form.js';

export function SecretField(props: {
  secret: string;
  removeSecret: boolean;
  /** Editing a webhook that has a stored secret. */
  hasSecret: boolean;
  error?: string | undefined;
  onChange: (patch: { secret?: string; removeSecret?: boolean }) => void;
}) {
  const hint = props.hasSecret
    ? 'A secret is set. Leave this empty to keep it, or enter a new one to replace it.'
    : 'Optional, 32–64 characters. Receivers verify the X-VLog-Signature header with it.';
  const described = ['webhook-secret-hint', props.error ? 'webhook-secret-error' : ''].join(' ').trim();
  return (
    <div class="field webhook-secret">
      <label for="webhook-secret" class="field-label">
        Secret
      </label>
      <div class="secret-row">
        <input
          id="webhook-secret"
          class="input secret-input"
          autoComplete="off"
          spellcheck={false}
          maxLength={SECRET_MAX + 10}
          placeholder={props.hasSecret ? '•••••••• (unchanged)' : 'No secret'}
          disabled={props.removeSecret}
          value={props.secret}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={described}
          onInput={(ev) => props.onChange({ secret: ev.currentTarget.value })}
        />
        <Button
          id="webhook-secret-generate"
          size="sm"
          icon="refresh"
          disabled={props.removeSecret}
          onClick={() => props.onChange({ secret: generateSecret() })}
        >
          Generate
        </Button>
      </div>
      <p id="webhook-secret-hint" class="field-hint">
        {hint}
      </p>
      {props.hasSecret && (
        <label class="checkbox-field">
          <input
            id="webhook-secret-remove"
            type="checkbox"
            checked={props.removeSecret}
            onChange={(ev) => props.onChange({ removeSecret: ev.currentTarget.checked })}
          />
          Remove secret (deliveries will no longer be signed)
        </label>
      )}
      <p id="webhook-secret-error" class="form-error" role="alert">
        {props.error}
      </p>
    </div>
  );
}
