/**
 * One setting: its name, description and limits, its control, and its own save with feedback
 * (saving → saved, or the API's refusal next to the field). A switch saves as it is flipped; other
 * controls save with their Save button or Enter. Reset removes the stored value (DELETE), so the
 * setting falls back to its environment variable or default.
 */
import { useId } from 'preact/hooks';
import { Button } from '../components/button.js';
import { formatDateTime } from '../../shared/format.js';
import { describeLimits, settingLabel } from './setting-value.js';
import type { Setting, SettingsApi } from './settings-api.js';
import { SettingInput } from './setting-input.js';
import { useSettingEditor, type SaveState } from './use-setting-editor.js';

const STATUS_TEXT: Record<SaveState, string> = { idle: '', saving: 'Saving…', saved: 'Saved', error: '' };

function SettingInfo({ setting, descId }: { setting: Setting; descId: string }) {
  const limits = describeLimits(setting);
  return (
    <>
      <code class="setting-key">{setting.key}</code>
      <p class="setting-desc" id={descId}>
        {setting.description || 'No description.'}
        {limits ? <span class="setting-limits"> {limits}.</span> : null}
      </p>
      <p class="setting-source muted small">
        Stored in the database
        {setting.updated_at ? ` · updated ${formatDateTime(setting.updated_at)}` : ''}
        {setting.updated_by ? ` by ${setting.updated_by}` : ''}
      </p>
    </>
  );
}

export function SettingField(props: {
  setting: Setting;
  api: SettingsApi;
  onSaved: (setting: Setting) => void;
  onReset: (key: string) => void;
}) {
  const { setting } = props;
  const id = useId();
  const editor = useSettingEditor(props);
  const state = editor.state.value;
  const isSwitch = setting.value_type === 'boolean';
  const ids = { desc: `${id}-desc`, error: `${id}-error` };
  const failed = state === 'error' && editor.error.value !== '';

  return (
    <div class="setting-row" data-setting-key={setting.key} data-state={state}>
      <div class="setting-info">
        <label class="setting-label" for={id}>
          {settingLabel(setting.key)}
        </label>
        <SettingInfo setting={setting} descId={ids.desc} />
      </div>
      <div class="setting-control">
        <SettingInput
          id={id}
          setting={setting}
          text={editor.text.value}
          invalid={state === 'error'}
          describedBy={failed ? `${ids.desc} ${ids.error}` : ids.desc}
          disabled={state === 'saving' && isSwitch}
          onInput={editor.input}
          onSubmit={() => void editor.save()}
        />
        <div class="setting-actions">
          {isSwitch ? null : (
            <Button
              size="sm"
              variant="primary"
              data-action="save"
              disabled={!editor.dirty && state !== 'error'}
              busy={state === 'saving'}
              onClick={() => void editor.save()}
            >
              Save
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            data-action="reset"
            title="Remove the stored value"
            onClick={() => void editor.reset()}
          >
            Reset
          </Button>
          <span class={`setting-status setting-status-${state}`} role="status" data-testid="save-status">
            {STATUS_TEXT[state]}
          </span>
        </div>
        {failed ? (
          <p class="form-error setting-error" id={ids.error} role="alert" data-testid="setting-error">
            {editor.error.value}
          </p>
        ) : null}
      </div>
    </div>
  );
}
