/**
 * The control for one custom field's value, by its type (api-admin.md §7): text, number, date, select,
 * multi-select (a group of checkboxes) and URL. Empty means "no value": `onChange(null)`, which the API
 * deletes. The caller renders the label (`for={id}`); a multi-select's group is labelled by the field name.
 */
import type { VideoCustomFieldView } from '../../shared/types.js';

export interface CustomFieldInputProps {
  field: VideoCustomFieldView;
  value: unknown;
  onChange: (v: unknown) => void;
  id: string;
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** A stored number, or the text typed so far when it is not one yet (the API then names the problem). */
function numberFrom(text: string): number | string | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

function MultiSelect({ field, value, onChange, id }: CustomFieldInputProps) {
  const chosen = Array.isArray(value) ? (value as unknown[]).map(String) : [];
  const toggle = (option: string, on: boolean) => {
    const next = (field.options ?? []).filter((o) => (o === option ? on : chosen.includes(o)));
    onChange(next.length > 0 ? next : null);
  };
  return (
    <div id={id} class="choice-group" role="group" aria-label={field.field_name}>
      {(field.options ?? []).map((option, i) => (
        <label key={option} class="choice" for={`${id}-${i}`}>
          <input
            id={`${id}-${i}`}
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(ev) => toggle(option, ev.currentTarget.checked)}
          />
          <span>{option}</span>
        </label>
      ))}
    </div>
  );
}

export function CustomFieldInput(props: CustomFieldInputProps) {
  const { field, value, onChange, id } = props;
  const c = field.constraints ?? {};
  const common = { id, class: 'input', 'data-field-type': field.field_type, required: field.required };
  const onText = (ev: { currentTarget: HTMLInputElement }) => {
    const text = ev.currentTarget.value;
    onChange(text === '' ? null : text);
  };
  switch (field.field_type) {
    case 'multi_select':
      return <MultiSelect {...props} />;
    case 'select':
      return (
        <select {...common} value={asText(value)} onChange={(ev) => onChange(ev.currentTarget.value || null)}>
          <option value="">— None —</option>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'number':
      return (
        <input
          {...common}
          type="number"
          step="any"
          min={c.min}
          max={c.max}
          value={asText(value)}
          onInput={(ev) => onChange(numberFrom(ev.currentTarget.value))}
        />
      );
    case 'date':
      return <input {...common} type="date" value={asText(value).slice(0, 10)} onInput={onText} />;
    case 'url':
      return (
        <input
          {...common}
          type="url"
          placeholder="https://"
          maxLength={c.max_length}
          value={asText(value)}
          onInput={onText}
        />
      );
    case 'text':
      return (
        <input
          {...common}
          type="text"
          minLength={c.min_length}
          maxLength={c.max_length}
          value={asText(value)}
          onInput={onText}
        />
      );
  }
}
