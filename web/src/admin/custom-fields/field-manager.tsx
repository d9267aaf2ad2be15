/**
 * The Custom Fields manager (ui.md §2.2), in the Categories tab and as a Settings sub-tab: the Global Fields
 * and each category's fields, Add Field (in a group's scope), Edit, and Delete after a confirmation that
 * says how many videos hold a value. Empty state: "Create Your First Field".
 * Test hooks: `#custom-fields-manager`, `#field-add`, `#field-create-first`,
 * groups `.field-group[data-scope="global"|"<category id>"]`, rows `li[data-field-id][data-field-slug]`
 * with `[data-action="edit"|"delete"]`.
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { useLoad } from '../components/use-load.js';
import { categoriesApi } from '../categories/categories-api.js';
import type { Category, CustomField } from '../../shared/types.js';
import { customFieldsApi, type CustomFieldsApi } from './custom-fields-api.js';
import { openFieldDialog } from './field-dialog.js';
import { FIELD_TYPE_LABELS } from './field-form.js';

interface Loaded {
  fields: CustomField[];
  categories: Category[];
}

const valuesOn = (n: number) =>
  n === 0
    ? 'No video has a value yet.'
    : `Its values on ${n} ${n === 1 ? 'video' : 'videos'} will be deleted.`;

function FieldRow(props: { field: CustomField; edit: () => void; remove: () => void }) {
  const f = props.field;
  return (
    <li class="organise-row" data-field-id={f.id} data-field-slug={f.slug}>
      <div class="organise-main">
        <span class="organise-name">{f.name}</span>
        <span class="field-type-badge">{FIELD_TYPE_LABELS[f.field_type]}</span>
        {f.required && <span class="field-type-badge">Required</span>}
        {f.options && <p class="muted small organise-description">Options: {f.options.join(', ')}</p>}
        {f.description && <p class="muted small organise-description">{f.description}</p>}
      </div>
      <div class="organise-actions">
        <Button
          size="sm"
          variant="ghost"
          data-action="edit"
          aria-label={`Edit ${f.name}`}
          onClick={props.edit}
        >
          Edit
        </Button>
        <Button
          size="sm"
          variant="ghost-danger"
          icon="trash"
          data-action="delete"
          aria-label={`Delete ${f.name}`}
          onClick={props.remove}
        >
          Delete
        </Button>
      </div>
    </li>
  );
}

function FieldGroup(props: {
  title: string;
  scope: string;
  fields: CustomField[];
  open: (field: CustomField | null, scope: string) => void;
  remove: (field: CustomField) => void;
}) {
  const headingId = `field-group-${props.scope}`;
  return (
    <section class="field-group" data-scope={props.scope} aria-labelledby={headingId}>
      <div class="field-group-head">
        <h4 id={headingId} class="field-group-title">
          {props.title}
        </h4>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Add a field to ${props.title}`}
          onClick={() => props.open(null, props.scope)}
        >
          Add field
        </Button>
      </div>
      {props.fields.length === 0 ? (
        <p class="muted small">No fields here yet.</p>
      ) : (
        <ul class="organise-list">
          {props.fields.map((f) => (
            <FieldRow
              key={f.id}
              field={f}
              edit={() => props.open(f, props.scope)}
              remove={() => props.remove(f)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

async function removeField(api: CustomFieldsApi, field: CustomField, reload: () => void): Promise<void> {
  const ok = await confirmDialog({
    title: 'Delete custom field',
    message: `Delete the field “${field.name}”? ${valuesOn(field.video_count)}`,
    confirmLabel: 'Delete field',
    danger: true,
  });
  if (!ok) return;
  try {
    const { affected_videos } = await api.remove(field.id);
    toast(
      `Field “${field.name}” deleted (${affected_videos} ${affected_videos === 1 ? 'video' : 'videos'} had a value)`,
      'success',
    );
  } catch (err) {
    toast(`Could not delete “${field.name}”: ${errorMessage(err)}`, 'error');
  }
  reload();
}

/** `reloadKey`: bumped by the owner when the fields or categories may have changed (tab shown, category edits). */
export function FieldManager(props: { api: ApiClient; reloadKey: number }) {
  const api = useMemo(() => customFieldsApi(props.api), [props.api]);
  const categories = useMemo(() => categoriesApi(props.api), [props.api]);
  const { state, reload } = useLoad<Loaded>(async () => {
    const [fields, list] = await Promise.all([api.list(), categories.list()]);
    return { fields, categories: list };
  });
  useEffect(() => void reload(), [props.reloadKey]);

  const current = state.value;
  const data = current.kind === 'ready' ? current.data : null;
  const open = (field: CustomField | null, scope = 'global') =>
    openFieldDialog({
      api,
      categories: data?.categories ?? [],
      field,
      scope,
      saved: (saved) => {
        toast(`Field “${saved.name}” ${field ? 'saved' : 'created'}`, 'success');
        void reload();
      },
    });
  const remove = (field: CustomField) => void removeField(api, field, () => void reload());

  return (
    <section
      id="custom-fields-manager"
      class="card organise-card"
      aria-labelledby="custom-fields-title"
      aria-busy={data ? 'false' : 'true'}
    >
      <div class="organise-card-head">
        <h3 id="custom-fields-title" class="organise-section-title">
          Custom Fields
        </h3>
        {data && data.fields.length > 0 && (
          <Button id="field-add" size="sm" variant="primary" onClick={() => open(null)}>
            Add Field
          </Button>
        )}
      </div>
      {current.kind === 'loading' && (
        <p class="muted" role="status">
          Loading custom fields…
        </p>
      )}
      {current.kind === 'error' && (
        <ErrorState
          title="Could not load the custom fields"
          message={current.message}
          onRetry={() => void reload()}
        />
      )}
      {data && data.fields.length === 0 && (
        <EmptyState icon="gear" title="No custom fields yet">
          <p class="muted">Fields add your own typed details to videos: a difficulty, a speaker, a link.</p>
          <Button id="field-create-first" variant="primary" onClick={() => open(null)}>
            Create Your First Field
          </Button>
        </EmptyState>
      )}
      {data && data.fields.length > 0 && (
        <>
          <FieldGroup
            title="Global Fields"
            scope="global"
            fields={data.fields.filter((f) => f.category_id === null)}
            open={open}
            remove={remove}
          />
          {data.categories.map((c) => (
            <FieldGroup
              key={c.id}
              title={c.name}
              scope={String(c.id)}
              fields={data.fields.filter((f) => f.category_id === c.id)}
              open={open}
              remove={remove}
            />
          ))}
        </>
      )}
    </section>
  );
}
