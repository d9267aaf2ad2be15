/**
 * One setting: its name, description and limits, its control, and its own save with feedback
 * (saving → saved, or the API's refusal next to the field). A switch saves as it is flipped; other
 * controls save with their Save button or Enter. Reset removes the stored value (DELETE), so the
 * setting falls back to its environment variable or default.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useId } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { formatDateTime } from '../../shared/format.js';
import { describeLimits, parseInput, settingLabel, toInputText } from './setting-value.js';
import type { Setting, SettingsApi } from './settings-api.js';
import { SettingInput } from './setting-input.js';

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

const SAVED_LABEL_MS = 2500;

export function SettingField(props: {
  setting: Setting;
  api: SettingsApi;
  onSaved: (setting: Setting) => void;
  onReset: (key: string) => void;
}) {
  const { setting, api } = props;
  const id = useId();
  const saved = toInputText(setting);
  const text = useSignal(saved);
  const state = useSignal<SaveState>('idle');
  const error = useSignal('');

  // A reload brought another value: show it.
  useEffect(() => {
    text.value = saved;
  }, [saved]);

  useEffect(() => {
    if (state.value !== 'saved') return;
    const timer = window.setTimeout(() => (state.value = 'idle'), SAVED_LABEL_MS);
    return () => window.clearTimeout(timer);
  }, [state.value]);

  async function save(nextText = text.value): Promise<void> {
    const parsed = parseInput(setting.value_type, nextText);
    if (!parsed.ok) {
      error.value = parsed.error;
      state.value = 'error';
      return;
    }
    state.value = 'saving';
    error.value = '';
    try {
      const updated = await api.save(setting.key, parsed.value);
      state.value = 'saved';
      props.onSaved(updated);
    } catch (err) {
      // A refused switch shows the stored state again, with the reason.
      if (setting.value_type === 'boolean') text.value = saved;
      error.value = errorMessage(err);
      state.value = 'error';
    }
  }

  async function reset(): Promise<void> {
    const ok = await confirmDialog({
      title: 'Reset setting?',
      message: `“${setting.key}” will be removed from the database and fall back to its environment variable or default.`,
      confirmLabel: 'Reset',
      danger: true,
    });
    if (!ok) return;
    state.value = 'saving';
    try {
      await api.reset(setting.key);
      props.onReset(setting.key);
    } catch (err) {
      error.value = errorMessage(err);
      state.value = 'error';
    }
  }

  function onInput(next: string): void {
    text.value = next;
    if (state.value === 'error') state.value = 'idle';
    error.value = '';
    if (setting.value_type === 'boolean') void save(next);
  }

  const isSwitch = setting.value_type === 'boolean';
  const dirty = text.value !== saved;
  const limits = describeLimits(setting);
  const ids = { desc: `${id}-desc`, error: `${id}-error` };

  return (
    <div class="setting-row" data-setting-key={setting.key} data-state={state.value}>
      <div class="setting-info">
        <label class="setting-label" for={id}>
          {settingLabel(setting.key)}
        </label>
        <code class="setting-key">{setting.key}</code>
        <p class="setting-desc" id={ids.desc}>
          {setting.description || 'No description.'}
          {limits ? <span class="setting-limits"> {limits}.</span> : null}
        </p>
        <p class="setting-source muted small">
          Stored in the database
          {setting.updated_at ? ` · updated ${formatDateTime(setting.updated_at)}` : ''}
          {setting.updated_by ? ` by ${setting.updated_by}` : ''}
        </p>
      </div>
      <div class="setting-control">
        <SettingInput
          id={id}
          setting={setting}
          text={text.value}
          invalid={state.value === 'error'}
          describedBy={state.value === 'error' ? `${ids.desc} ${ids.error}` : ids.desc}
          disabled={state.value === 'saving' && isSwitch}
          onInput={onInput}
          onSubmit={() => void save()}
        />
        <div class="setting-actions">
          {isSwitch ? null : (
            <Button
              size="sm"
              variant="primary"
              data-action="save"
              disabled={!dirty && state.value !== 'error'}
              busy={state.value === 'saving'}
              onClick={() => void save()}
            >
              Save
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            data-action="reset"
            title="Remove the stored value"
            onClick={() => void reset()}
          >
            Reset
          </Button>
          <span
            class={`setting-status setting-status-${state.value}`}
            role="status"
            data-testid="save-status"
          >
            {state.value === 'saving' ? 'Saving…' : state.value === 'saved' ? 'Saved' : ''}
          </span>
        </div>
        {state.value === 'error' && error.value ? (
          <p class="form-error setting-error" id={ids.error} role="alert" data-testid="setting-error">
            {error.value}
          </p>
        ) : null}
      </div>
    </div>
  );
}
