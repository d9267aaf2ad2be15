/**
 * Edit Video modal (ui.md §2.2): title, description, category, publish date (`datetime-local`, or
 * "Unpublished"), "Featured Video", tags (chips, a new tag created inline), the video's custom fields and
 * chapters (chapters/chapter-editor.tsx) and the transcription (transcripts/transcript-section.tsx; each
 * chapter or transcript change is saved at once). Save Changes stores the
 * fields, then the tags, then the custom fields; a refusal shows inline and the modal stays open.
 *
 * Test hooks: `#edit-video-dialog`, `#edit-title`, `#edit-description`, `#edit-category`,
 * `#edit-published-at`, `#edit-unpublish`, `#edit-featured`, `#edit-save`, `#edit-error` (and tag-picker.tsx).
 */
import type { ApiClient } from '../api.js';
import { ChapterEditor } from '../chapters/chapter-editor.js';
import { Button } from '../components/button.js';
import { Modal, openOverlay } from '../components/modal.js';
import { ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { VideoCustomFieldsSection } from '../custom-fields/video-custom-fields.js';
import { CategoryOptions } from '../videos/use-categories.js';
import type { VideoListItem } from '../../shared/types.js';
import { TranscriptSection } from '../transcripts/transcript-section.js';
import { TagPicker } from './tag-picker.js';
import { useVideoEdit, type EditData } from './use-video-edit.js';
import type { EditForm } from './video-edit-form.js';

interface Props {
  video: VideoListItem;
  api: ApiClient;
  changed: () => void;
  onClose: () => void;
}

type Edit = ReturnType<typeof useVideoEdit>;

function PublishField({ form, update }: { form: EditForm; update: Edit['update'] }) {
  return (
    <div class="field">
      <label class="field-label" for="edit-published-at">
        Publish Date
      </label>
      <div class="inline-row">
        <input
          id="edit-published-at"
          type="datetime-local"
          class="input"
          value={form.publishedAt}
          aria-describedby="edit-published-hint"
          onInput={(ev) => update({ publishedAt: ev.currentTarget.value })}
        />
        <Button
          id="edit-unpublish"
          size="sm"
          disabled={!form.publishedAt}
          onClick={() => update({ publishedAt: '' })}
        >
          Unpublished
        </Button>
      </div>
      <p id="edit-published-hint" class="field-hint muted">
        {form.publishedAt ? 'Your local time.' : 'Not published: only admins see this video.'}
      </p>
    </div>
  );
}

function EditFields({ edit, data, api }: { edit: Edit; data: EditData; api: ApiClient }) {
  const form = edit.form;
  if (!form) return null;
  const { update } = edit;
  return (
    <div class="edit-grid">
      <div class="field">
        <label class="field-label" for="edit-title">
          Title
        </label>
        <input
          id="edit-title"
          class="input"
          required
          maxLength={255}
          value={form.title}
          onInput={(ev) => update({ title: ev.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label class="field-label" for="edit-description">
          Description
        </label>
        <textarea
          id="edit-description"
          class="input"
          maxLength={5000}
          value={form.description}
          onInput={(ev) => update({ description: ev.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label class="field-label" for="edit-category">
          Category
        </label>
        <select
          id="edit-category"
          class="input"
          value={form.categoryId}
          onChange={(ev) => update({ categoryId: ev.currentTarget.value })}
        >
          <option value="">No category</option>
          <CategoryOptions categories={data.categories} />
        </select>
      </div>
      <PublishField form={form} update={update} />
      <label class="switch-row" for="edit-featured">
        <input
          id="edit-featured"
          type="checkbox"
          role="switch"
          checked={form.featured}
          onChange={(ev) => update({ featured: ev.currentTarget.checked })}
        />
        <span>Featured Video</span>
      </label>
      <TagPicker
        api={api}
        all={data.tags}
        selected={form.tagIds}
        onChange={(tagIds) => update({ tagIds })}
        onCreated={edit.tagCreated}
      />
      <VideoCustomFieldsSection api={api} videoId={data.video.id} register={edit.register} />
    </div>
  );
}

function EditVideoDialog({ video, api, changed, onClose }: Props) {
  const edit = useVideoEdit(api, video.id);
  const { load } = edit;
  const submit = async (ev?: Event) => {
    ev?.preventDefault();
    if (!(await edit.save())) return;
    toast(`Saved “${edit.form?.title ?? video.title}”`, 'success');
    changed();
    onClose();
  };
  const footer = (
    <>
      <Button onClick={onClose}>Cancel</Button>
      <Button
        id="edit-save"
        variant="primary"
        busy={edit.saving}
        disabled={load.kind !== 'ready'}
        onClick={() => void submit()}
      >
        Save Changes
      </Button>
    </>
  );
  return (
    <Modal
      id="edit-video-dialog"
      class="modal-lg"
      title={`Edit “${video.title}”`}
      onClose={onClose}
      footer={footer}
    >
      {load.kind === 'loading' && (
        <p class="muted" role="status">
          <span class="spinner" aria-hidden="true" /> Loading…
        </p>
      )}
      {load.kind === 'error' && (
        <ErrorState
          title="Could not load the video"
          message={load.message}
          onRetry={() => void edit.reload()}
        />
      )}
      {load.kind === 'ready' && (
        <>
          <form id="edit-video-form" onSubmit={(ev) => void submit(ev)} noValidate>
            {edit.error && (
              <p id="edit-error" class="form-error" role="alert">
                {edit.error}
              </p>
            )}
            <EditFields edit={edit} data={load.data} api={api} />
          </form>
          {/* Outside the form: the chapter editor has forms of its own, saved at once. */}
          <div class="edit-chapters">
            <h3 class="section-title">Chapters</h3>
            <ChapterEditor api={api} videoId={video.id} duration={load.data.video.duration} />
          </div>
          <TranscriptSection api={api} videoId={video.id} videoReady={load.data.video.status === 'ready'} />
        </>
      )}
    </Modal>
  );
}

export function openEditVideoDialog(
  video: VideoListItem,
  deps: { api: ApiClient; changed: () => void },
): void {
  openOverlay((close) => (
    <EditVideoDialog video={video} api={deps.api} changed={deps.changed} onClose={close} />
  ));
}
