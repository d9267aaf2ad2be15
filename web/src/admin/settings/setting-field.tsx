/**
 * One setting: its name, description and limits, where its value comes from (stored, environment or
 * default, with the environment's refused value as a warning), what it drives, its control, and its own
 * save with feedback (saving → saved, or the API's refusal next to the field). A switch saves as it is
 * flipped; other controls save with their Save button or Enter. Reset is offered for stored values only:
 * it removes the stored value (DELETE), so the setting falls back to its environment variable or default.
 */
import { useId } from 'preact/hooks';
import { Button } from '../components/button.js';
import { formatDateTime } from '../../shared/format.js';
import { describeLimits, settingLabel } from './setting-value.js';
import type { Setting, SettingsApi } from './settings-api.js';
import { SettingInput } from './setting-input.js';
import {
  differingDefault,
  envWarning,
  NOT_YET_BUILT,
  sourceText,
  type ListedSetting,
} from './settings-list.js';
import { useSettingEditor, type SaveState } from './use-setting-editor.js';

const STATUS_TEXT: Record<SaveState, string> = { idle: '', saving: 'Saving…', saved: 'Saved', error: '' };

function AppliesTo({ setting }: { setting: ListedSetting }) {
  if (!setting.catalogued) return <p class="setting-applies muted small">Custom setting (not catalogued)</p>;
  if (setting.applies_to === NOT_YET_BUILT)
    return (
      <p class="setting-applies muted small">
        <span class="badge setting-not-built">not yet built</span> Nothing reads it yet.
      </p>
    );
  return (
    <p class="setting-applies muted small">
      Applies to: {setting.applies_to}
      {setting.read_by ? ` (${setting.read_by})` : ''}
    </p>
  );
}

function SettingInfo({ setting, descId }: { setting: ListedSetting; descId: string }) {
  const limits = describeLimits(setting);
  const fallback = differingDefault(setting);
  const warning = envWarning(setting);
  return (
    <>
      <code class="setting-key">{setting.key}</code>
      <p class="setting-desc" id={descId}>
        {setting.description || 'No description.'}
        {limits ? <span class="setting-limits"> {limits}.</span> : null}
      </p>
      <p class="setting-source muted small" data-source={setting.source}>
        {sourceText(setting, formatDateTime)}
        {fallback === null ? null : <span class="setting-default"> · Default: {fallback}</span>}
      </p>
      {warning ? (
        <p class="setting-env-warning small" data-testid="env-warning">
          {warning}
        </p>
      ) : null}
      <AppliesTo setting={setting} />
    </>
  );
}

export function SettingField(props: {
  setting: ListedSetting;
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
  const stored = setting.source === 'database';

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
              variant={editor.dirty ? 'primary' : 'secondary'}
              data-action="save"
              title={stored ? undefined : 'Store this value in the database'}
              disabled={!editor.dirty && state !== 'error' && stored}
              busy={state === 'saving'}
              onClick={() => void editor.save()}
            >
              Save
            </Button>
          )}
          {stored ? (
            <Button
              size="sm"
              variant="ghost"
              data-action="reset"
              title="Remove the stored value"
              onClick={() => void editor.reset()}
            >
              Reset
            </Button>
          ) : null}
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
