/**
 * Bulk "Set Custom Fields" (api-admin.md §5.9 `POST /api/videos/bulk/custom-fields`): every field definition
 * (`GET /api/custom-fields`) with its typed input; only the fields the admin touched are sent (an emptied
 * one is null, which deletes the value). A field of another category fails per video with the server's reason.
 *
 * Test hooks: `#bulk-dialog[data-operation="custom-fields"]`, fields `[data-custom-field="<slug>"]`.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { openOverlay } from '../components/modal.js';
import { CustomFieldInput } from '../custom-fields/custom-field-input.js';
import type { CustomField, CustomFieldList, VideoCustomFieldView } from '../../shared/types.js';
import { BulkDialog, type BulkContext } from './bulk-dialog.js';

const asView = (f: CustomField): VideoCustomFieldView => ({
  field_id: f.id,
  field_slug: f.slug,
  field_name: f.name,
  field_type: f.field_type,
  value: null,
  required: false,
  options: f.options,
  constraints: f.constraints,
  description: f.description,
});

function CustomFieldsForm({ ctx, close }: { ctx: BulkContext; close: () => void }) {
  const [fields, setFields] = useState<CustomField[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<Record<number, unknown>>({});

  useEffect(() => {
    ctx.api
      .get<CustomFieldList>('/api/custom-fields')
      .then((list) => setFields(list.fields))
      .catch((err: unknown) => setLoadError(errorMessage(err)));
  }, []);

  const build = () => {
    if (Object.keys(values).length === 0) return 'Set at least one field.';
    return { values: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v ?? null])) };
  };
  return (
    <BulkDialog
      op="custom-fields"
      title="Set custom fields"
      confirmLabel="Set fields"
      ctx={ctx}
      close={close}
      build={build}
    >
      {!fields && !loadError && (
        <p class="muted" role="status">
          Loading custom fields…
        </p>
      )}
      {loadError && (
        <p class="form-error" role="alert">
          Could not load the custom fields: {loadError}
        </p>
      )}
      {fields?.length === 0 && <p class="muted">No custom fields yet. Add them in the Categories tab.</p>}
      {fields && fields.length > 0 && (
        <p class="muted small">Only the fields you change are set; an emptied field is cleared.</p>
      )}
      {fields?.map((f) => {
        const id = `bulk-field-${f.id}`;
        return (
          <div class="field" key={f.id} data-custom-field={f.slug}>
            <label class="field-label" for={id}>
              {f.name}
              {f.category_name && <span class="muted small"> ({f.category_name} only)</span>}
            </label>
            <CustomFieldInput
              field={asView(f)}
              id={id}
              value={values[f.id] ?? null}
              onChange={(v) => setValues((prev) => ({ ...prev, [f.id]: v }))}
            />
          </div>
        );
      })}
    </BulkDialog>
  );
}

export function openBulkCustomFields(ctx: BulkContext): void {
  openOverlay((close) => <CustomFieldsForm ctx={ctx} close={close} />);
}
