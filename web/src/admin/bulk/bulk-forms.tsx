/**
 * The bulk dialogs' forms (api-admin.md §5.9, ui.md §2.2): Delete (optionally permanent), Update (category
 * incl. "Remove category"; a publish date or "Unpublish"), Re-transcode (all or chosen qualities, priority),
 * Restore (the Archive view).
 *
 * Test hooks: `#bulk-permanent`, `#bulk-category`, `input[name="bulk-publish"]` (`keep`|`set`|`unpublish`),
 * `#bulk-published-at`, `input[name="bulk-qualities"]` (`all`|`chosen`), `[data-quality]` checkboxes,
 * `#bulk-priority`.
 */
import { useState } from 'preact/hooks';
import { openOverlay } from '../components/modal.js';
import { CategoryOptions, useCategories } from '../videos/use-categories.js';
import { fromLocalInput } from '../video-edit/video-edit-form.js';
import { QUALITY_NAMES, type BulkRetranscodeBody, type BulkUpdateBody } from '../../shared/types.js';
import { BulkDialog, type BulkContext } from './bulk-dialog.js';

type FormProps = { ctx: BulkContext; close: () => void };

function DeleteForm({ ctx, close }: FormProps) {
  const [permanent, setPermanent] = useState(false);
  return (
    <BulkDialog
      op="delete"
      title="Delete videos?"
      confirmLabel="Delete"
      danger
      ctx={ctx}
      close={close}
      build={() => ({ permanent })}
    >
      <p>They are removed from the site and moved to the archive, where they can be restored.</p>
      <label class="choice" for="bulk-permanent">
        <input
          id="bulk-permanent"
          type="checkbox"
          checked={permanent}
          onChange={(ev) => setPermanent(ev.currentTarget.checked)}
        />
        <span>Permanently delete (cannot be undone)</span>
      </label>
    </BulkDialog>
  );
}

type PublishChoice = 'keep' | 'set' | 'unpublish';

function updateBody(
  category: string,
  publish: PublishChoice,
  date: string,
): Omit<BulkUpdateBody, 'video_ids'> | string {
  const body: Omit<BulkUpdateBody, 'video_ids'> = { unpublish: publish === 'unpublish' };
  if (category !== '') body.category_id = Number(category);
  if (publish === 'set') {
    if (!date) return 'Choose a publish date, or leave the date unchanged.';
    body.published_at = fromLocalInput(date);
  }
  if (body.category_id === undefined && publish === 'keep') return 'No update values provided';
  return body;
}

function UpdateForm({ ctx, close }: FormProps) {
  const categories = useCategories(ctx.api);
  const [category, setCategory] = useState('');
  const [publish, setPublish] = useState<PublishChoice>('keep');
  const [date, setDate] = useState('');
  const radio = (value: PublishChoice, label: string) => (
    <label class="choice" for={`bulk-publish-${value}`}>
      <input
        id={`bulk-publish-${value}`}
        type="radio"
        name="bulk-publish"
        value={value}
        checked={publish === value}
        onChange={() => setPublish(value)}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <BulkDialog
      op="update"
      title="Update videos"
      confirmLabel="Update"
      ctx={ctx}
      close={close}
      build={() => updateBody(category, publish, date)}
    >
      <div class="field">
        <label class="field-label" for="bulk-category">
          Category
        </label>
        <select
          id="bulk-category"
          class="input"
          value={category}
          onChange={(ev) => setCategory(ev.currentTarget.value)}
        >
          <option value="">Leave unchanged</option>
          <option value="0">Remove category</option>
          <CategoryOptions categories={categories} />
        </select>
      </div>
      <fieldset class="field choice-group">
        <legend class="field-label">Publication</legend>
        {radio('keep', 'Leave unchanged')}
        {radio('set', 'Publish on a date')}
        {publish === 'set' && (
          <input
            id="bulk-published-at"
            type="datetime-local"
            class="input"
            aria-label="Publish date (your local time)"
            value={date}
            onInput={(ev) => setDate(ev.currentTarget.value)}
          />
        )}
        {radio('unpublish', 'Unpublish (remove published date)')}
      </fieldset>
    </BulkDialog>
  );
}

function RetranscodeForm({ ctx, close }: FormProps) {
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [priority, setPriority] = useState<BulkRetranscodeBody['priority']>('normal');
  const build = () => {
    if (!all && chosen.length === 0) return 'Choose at least one quality.';
    return { qualities: all ? ['all'] : chosen, priority };
  };
  const toggle = (q: string, on: boolean) =>
    setChosen(QUALITY_NAMES.filter((n) => (n === q ? on : chosen.includes(n))));
  return (
    <BulkDialog
      op="retranscode"
      title="Re-transcode videos"
      confirmLabel="Re-transcode"
      ctx={ctx}
      close={close}
      build={build}
    >
      <p class="muted">
        Each video stays playable until a worker picks its job up; it needs its source upload.
      </p>
      <fieldset class="field choice-group">
        <legend class="field-label">Qualities</legend>
        <label class="choice" for="bulk-qualities-all">
          <input
            id="bulk-qualities-all"
            type="radio"
            name="bulk-qualities"
            value="all"
            checked={all}
            onChange={() => setAll(true)}
          />
          <span>All qualities</span>
        </label>
        <label class="choice" for="bulk-qualities-chosen">
          <input
            id="bulk-qualities-chosen"
            type="radio"
            name="bulk-qualities"
            value="chosen"
            checked={!all}
            onChange={() => setAll(false)}
          />
          <span>Select qualities…</span>
        </label>
        {!all && (
          <div class="choice-group quality-choices" role="group" aria-label="Qualities to rebuild">
            {QUALITY_NAMES.map((q) => (
              <label key={q} class="choice" for={`bulk-quality-${q}`}>
                <input
                  id={`bulk-quality-${q}`}
                  type="checkbox"
                  data-quality={q}
                  checked={chosen.includes(q)}
                  onChange={(ev) => toggle(q, ev.currentTarget.checked)}
                />
                <span>{q}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div class="field">
        <label class="field-label" for="bulk-priority">
          Priority
        </label>
        <select
          id="bulk-priority"
          class="input"
          value={priority}
          onChange={(ev) => setPriority(ev.currentTarget.value as typeof priority)}
        >
          <option value="high">High</option>
          <option value="normal">Normal</option>
          <option value="low">Low</option>
        </select>
      </div>
    </BulkDialog>
  );
}

function RestoreForm({ ctx, close }: FormProps) {
  return (
    <BulkDialog
      op="restore"
      title="Restore videos?"
      confirmLabel="Restore"
      ctx={ctx}
      close={close}
      build={() => ({})}
    >
      <p>
        They come back from the archive as they were (an unfinished one is transcoded again from its source).
      </p>
    </BulkDialog>
  );
}

const FORMS = { delete: DeleteForm, update: UpdateForm, retranscode: RetranscodeForm, restore: RestoreForm };

export function openBulkForm(kind: keyof typeof FORMS, ctx: BulkContext): void {
  const Form = FORMS[kind];
  openOverlay((close) => <Form ctx={ctx} close={close} />);
}
