/**
 * The control of one setting, chosen by its `value_type`: a switch for booleans, a number input with the
 * catalogue's min/max for integers and floats, a select for enums, a textarea for JSON, text otherwise.
 * Controlled: `text` is the input's current text (booleans: "true"/"false").
 */
import type { JSX } from 'preact';
import { Switch } from '../components/switch.js';
import type { Setting } from './settings-api.js';

export interface SettingInputProps {
  id: string;
  setting: Setting;
  text: string;
  invalid: boolean;
  describedBy: string;
  disabled: boolean;
  onInput: (text: string) => void;
  /** Enter in a single-line input. */
  onSubmit: () => void;
}

/** The attributes every control carries (id for its label, state for assistive technology, test hook). */
function commonAttributes(props: SettingInputProps) {
  return {
    id: props.id,
    disabled: props.disabled,
    'aria-invalid': props.invalid ? ('true' as const) : undefined,
    'aria-describedby': props.describedBy,
    'data-setting-input': props.setting.key,
  };
}

function submitOnEnter(props: SettingInputProps) {
  return (ev: KeyboardEvent) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    props.onSubmit();
  };
}

function SwitchInput(props: SettingInputProps) {
  const on = props.text === 'true';
  return (
    <Switch {...commonAttributes(props)} checked={on} onChange={(next) => props.onInput(String(next))}>
      <span class="switch-text">{on ? 'On' : 'Off'}</span>
    </Switch>
  );
}

function NumberInput(props: SettingInputProps) {
  const integer = props.setting.value_type === 'integer';
  const c = props.setting.constraints;
  return (
    <input
      {...commonAttributes(props)}
      type="number"
      class="input setting-number"
      inputMode={integer ? 'numeric' : 'decimal'}
      step={integer ? 1 : 'any'}
      min={c?.min ?? undefined}
      max={c?.max ?? undefined}
      value={props.text}
      onInput={(ev) => props.onInput(ev.currentTarget.value)}
      onKeyDown={submitOnEnter(props)}
    />
  );
}

function EnumSelect(props: SettingInputProps) {
  const values = props.setting.constraints?.enum_values ?? [];
  return (
    <select
      {...commonAttributes(props)}
      class="input"
      value={props.text}
      onChange={(ev) => props.onInput(ev.currentTarget.value)}
    >
      {/* A stored value the catalogue no longer lists stays visible rather than silently changing. */}
      {values.includes(props.text) ? null : <option value={props.text}>{props.text || '(none)'}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </select>
  );
}

function JsonArea(props: SettingInputProps) {
  return (
    <textarea
      {...commonAttributes(props)}
      class="input setting-json"
      rows={4}
      spellcheck={false}
      value={props.text}
      onInput={(ev) => props.onInput(ev.currentTarget.value)}
    />
  );
}

function TextInput(props: SettingInputProps) {
  return (
    <input
      {...commonAttributes(props)}
      type="text"
      class="input"
      maxLength={props.setting.constraints?.max_length ?? undefined}
      value={props.text}
      onInput={(ev) => props.onInput(ev.currentTarget.value)}
      onKeyDown={submitOnEnter(props)}
    />
  );
}

const CONTROLS: Record<string, (props: SettingInputProps) => JSX.Element> = {
  boolean: SwitchInput,
  integer: NumberInput,
  float: NumberInput,
  enum: EnumSelect,
  json: JsonArea,
};

export function SettingInput(props: SettingInputProps) {
  const Control = CONTROLS[props.setting.value_type] ?? TextInput;
  return <Control {...props} />;
}
