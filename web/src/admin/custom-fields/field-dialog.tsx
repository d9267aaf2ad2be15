/**
 * Add / Edit Field dialog: name, type (fixed once created), options for the select types, required,
 * scope "Global (applies to all videos)" or a category (fixed once created), help text, position and the
 * type's constraints. The server's refusal shows in the dialog, which stays open.
 * Test hooks: `#field-dialog`, `#field-name`, `#field-type`, `#field-scope`, `#field-required`,
 * `#field-description`, `#field-position`, `#field-min`/`#field-max`, `#field-min-length`/`#field-max-length`,
 * `#field-pattern`, `#field-error`, `#field-save`.
 */
import { useState } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { Modal, openOverlay } from '../components/modal.js';
import type { Category, CustomField, FieldType } from '../../shared/types.js';
import type { CustomFieldsApi } from './custom-fields-api.js';
import {
  createBody,
  emptyForm,
  FIELD_TYPE_LABELS,
  formOf,
  formProblems,
  isSelect,
  isTextual,
  updateBody,
  type FieldForm,
} from './field-form.js';
import { OptionsEditor } from './options-editor.js';

interface DialogProps {
  api: CustomFieldsApi;
  categories: Category[];
  field: CustomField | null;
  scope: string;
  close: () => void;
  saved: (field: CustomField) => void;
}

function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  type?: 'text' | 'number';
}) {
  const attrs = {
    id: props.id,
    class: 'input',
    value: props.value,
    onInput: (ev: { currentTarget: HTMLInputElement }) => props.onInput(ev.currentTarget.value),
  };
  return (
    <div class="field">
      <label class="field-label" for={props.id}>
        {props.label}
      </label>
      {props.type === 'number' ? (
        <input {...attrs} type="number" step="any" />
      ) : (
        <input {...attrs} type="text" />
      )}
    </div>
  );
}

function Constraints({ form, set }: { form: FieldForm; set: (patch: Partial<FieldForm>) => void }) {
  if (form.field_type === 'number')
    return (
      <div class="field-grid">
        <TextInput
          id="field-min"
          label="Minimum"
          type="number"
          value={form.min}
          onInput={(min) => set({ min })}
        />
        <TextInput
          id="field-max"
          label="Maximum"
          type="number"
          value={form.max}
          onInput={(max) => set({ max })}
        />
      </div>
    );
  if (!isTextual(form.field_type)) return null;
  return (
    <div class="field-grid">
      <TextInput
        id="field-min-length"
        label="Min length"
        type="number"
        value={form.min_length}
        onInput={(v) => set({ min_length: v })}
      />
      <TextInput
        id="field-max-length"
        label="Max length"
        type="number"
        value={form.max_length}
        onInput={(v) => set({ max_length: v })}
      />
      <TextInput
        id="field-pattern"
        label="Pattern (regular expression)"
        value={form.pattern}
        onInput={(pattern) => set({ pattern })}
      />
    </div>
  );
}

function FieldDialog({ api, categories, field, scope, close, saved }: DialogProps) {
  const [form, setForm] = useState<FieldForm>(field ? formOf(field) : emptyForm(scope));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const set = (patch: Partial<FieldForm>) => setForm((f) => ({ ...f, ...patch }));

  const save = async (ev: Event) => {
    ev.preventDefault();
    const problems = formProblems(form);
    if (problems.length > 0) return setError(problems.join('; '));
    setBusy(true);
    setError('');
    try {
      saved(field ? await api.update(field.id, updateBody(form)) : await api.create(createBody(form)));
      close();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      id="field-dialog"
      title={field ? `Edit Field “${field.name}”` : 'Add Field'}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button id="field-save" variant="primary" type="submit" form="field-form" busy={busy}>
            {field ? 'Save Changes' : 'Add Field'}
          </Button>
        </>
      }
    >
      <form id="field-form" class="field-form" onSubmit={(ev) => void save(ev)}>
        <TextInput
          id="field-name"
          label="Name (e.g. “Difficulty Level”)"
          value={form.name}
          onInput={(name) => set({ name })}
        />
        <div class="field-grid">
          <div class="field">
            <label class="field-label" for="field-type">
              Field Type
            </label>
            <select
              id="field-type"
              class="input"
              value={form.field_type}
              disabled={field !== null}
              onChange={(ev) => set({ field_type: ev.currentTarget.value as FieldType })}
            >
              {Object.entries(FIELD_TYPE_LABELS).map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field-label" for="field-scope">
              Scope
            </label>
            <select
              id="field-scope"
              class="input"
              value={form.scope}
              disabled={field !== null}
              onChange={(ev) => set({ scope: ev.currentTarget.value })}
            >
              <option value="global">Global (applies to all videos)</option>
              {categories.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {isSelect(form.field_type) && (
          <OptionsEditor options={form.options} onChange={(options) => set({ options })} />
        )}
        <Constraints form={form} set={set} />
        <div class="field">
          <label class="field-label" for="field-description">
            Help Text
          </label>
          <textarea
            id="field-description"
            class="input"
            rows={2}
            maxLength={500}
            value={form.description}
            onInput={(ev) => set({ description: ev.currentTarget.value })}
          />
        </div>
        <div class="field-grid">
          <TextInput
            id="field-position"
            label="Position (lower comes first)"
            type="number"
            value={form.position}
            onInput={(position) => set({ position })}
          />
          <label class="choice field-required" for="field-required">
            <input
              id="field-required"
              type="checkbox"
              checked={form.required}
              onChange={(ev) => set({ required: ev.currentTarget.checked })}
            />
            <span>Required</span>
          </label>
        </div>
        <p id="field-error" class="form-error" role="alert">
          {error}
        </p>
      </form>
    </Modal>
  );
}

/** Opens the dialog to add a field (in `scope`) or edit `field`; `saved` gets the server's answer. */
export function openFieldDialog(props: Omit<DialogProps, 'close'>): void {
  openOverlay((close) => <FieldDialog {...props} close={close} />);
}
