/**
 * The control of one setting, chosen by its `value_type`: a switch for booleans, a number input with the
 * catalogue's min/max for integers and floats, a select for enums, a textarea for JSON, text otherwise.
 * Controlled: `text` is the input's current text (booleans: "true"/"false").
 */
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

export function SettingInput(props: SettingInputProps) {
  const { id, setting, text, invalid, describedBy, disabled, onInput } = props;
  const common = {
    id,
    disabled,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    'data-setting-input': setting.key,
  };
  const enter = (ev: KeyboardEvent) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      props.onSubmit();
    }
  };
  const c = setting.constraints;

  switch (setting.value_type) {
    case 'boolean': {
      const on = text === 'true';
      return (
        <button
          {...common}
          type="button"
          role="switch"
          class="switch"
          aria-checked={on ? 'true' : 'false'}
          onClick={() => onInput(on ? 'false' : 'true')}
        >
          <span class="switch-track" aria-hidden="true">
            <span class="switch-thumb" />
          </span>
          <span class="switch-text">{on ? 'On' : 'Off'}</span>
        </button>
      );
    }
    case 'integer':
    case 'float':
      return (
        <input
          {...common}
          type="number"
          class="input setting-number"
          inputMode={setting.value_type === 'integer' ? 'numeric' : 'decimal'}
          step={setting.value_type === 'integer' ? 1 : 'any'}
          min={c?.min ?? undefined}
          max={c?.max ?? undefined}
          value={text}
          onInput={(ev) => onInput(ev.currentTarget.value)}
          onKeyDown={enter}
        />
      );
    case 'enum':
      return (
        <select {...common} class="input" value={text} onChange={(ev) => onInput(ev.currentTarget.value)}>
          {(c?.enum_values ?? []).includes(text) ? null : <option value={text}>{text || '(none)'}</option>}
          {(c?.enum_values ?? []).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      );
    case 'json':
      return (
        <textarea
          {...common}
          class="input setting-json"
          rows={4}
          spellcheck={false}
          value={text}
          onInput={(ev) => onInput(ev.currentTarget.value)}
        />
      );
    default:
      return (
        <input
          {...common}
          type="text"
          class="input"
          maxLength={c?.max_length ?? undefined}
          value={text}
          onInput={(ev) => onInput(ev.currentTarget.value)}
          onKeyDown={enter}
        />
      );
  }
}
