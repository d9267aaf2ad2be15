/**
 * The chapters of one video (ui.md §2.2, Edit Video modal): the list in order, "Add Chapter", edit,
 * delete (after a confirm), move up / down (the reorder endpoint) and "Auto-detect" from the source's
 * embedded chapters, else from the stored transcript (asks before replacing). Each action is saved at once; the server's refusals show
 * in the form or as a toast. After a move, focus stays on the moved chapter's button.
 *
 * Test hooks: `.chapter-editor`, `.chapter-list`, `.chapter-empty`, `[data-action="add-chapter"]`,
 * `[data-action="auto-detect"]`, `[name="min-length"]`, and those of ChapterItem and ChapterForm.
 */
import type { Ref } from 'preact';
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { ChapterForm } from './chapter-form.js';
import { ChapterItem } from './chapter-item.js';
import type { Chapter } from './chapters-api.js';
import { useChapters, type ChaptersState } from './use-chapters.js';

/** The server's bounds of `min_chapter_length` and its default. */
const MIN_LENGTH = { min: 10, max: 600, fallback: 60 };

export function ChapterEditor(props: { api: ApiClient; videoId: number; duration: number }) {
  const state = useChapters(props.api, props.videoId);
  const editing = useSignal<number | 'new' | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const { chapters, busy } = state;

  function focusLater(selector: string): void {
    requestAnimationFrame(() =>
      listRef.current?.parentElement?.querySelector<HTMLElement>(selector)?.focus(),
    );
  }

  async function move(chapter: Chapter, step: -1 | 1): Promise<void> {
    if (!(await state.move(chapter.id, step))) return;
    const row = `[data-chapter-id="${chapter.id}"]`;
    const ids = (chapters.value ?? []).map((c) => c.id);
    const atEdge = step === -1 ? ids[0] === chapter.id : ids.at(-1) === chapter.id;
    focusLater(`${row} [data-action="${(step === -1) !== atEdge ? 'move-up' : 'move-down'}"]`);
  }

  async function remove(chapter: Chapter): Promise<void> {
    const ok = await confirmDialog({
      title: 'Delete chapter?',
      message: `“${chapter.title}” will be removed from this video.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (ok && (await state.remove(chapter.id))) focusLater('[data-action="add-chapter"]');
  }

  const closeForm = (focus: string) => {
    editing.value = null;
    state.clearFormError();
    focusLater(focus);
  };

  return (
    <section class="chapter-editor" aria-label="Chapters">
      <ChapterToolbar state={state} editing={editing.value} onAdd={() => (editing.value = 'new')} />
      {editing.value === 'new' ? (
        <ChapterForm
          duration={props.duration}
          error={state.formError.value}
          busy={busy.value === 'add'}
          onCancel={() => closeForm('[data-action="add-chapter"]')}
          onSave={async (values) => {
            if (await state.add(values)) closeForm('[data-action="add-chapter"]');
          }}
        />
      ) : null}
      <ChapterListView
        state={state}
        listRef={listRef}
        editing={editing.value}
        duration={props.duration}
        onEdit={(id) => {
          state.clearFormError();
          editing.value = id;
        }}
        onCloseEdit={(id) => closeForm(`[data-chapter-id="${id}"] [data-action="edit"]`)}
        onMove={move}
        onDelete={remove}
      />
    </section>
  );
}

/** "Add Chapter" and "Auto-detect" with its minimum length; asks before replacing existing chapters. */
function ChapterToolbar(props: { state: ChaptersState; editing: number | 'new' | null; onAdd: () => void }) {
  const { state } = props;
  const minLength = useSignal(String(MIN_LENGTH.fallback));
  const count = state.chapters.value?.length ?? 0;
  const locked = state.busy.value !== null || state.chapters.value === null;

  async function detect(): Promise<void> {
    const seconds = Math.min(
      MIN_LENGTH.max,
      Math.max(MIN_LENGTH.min, Number(minLength.value) || MIN_LENGTH.fallback),
    );
    minLength.value = String(seconds);
    if (count > 0) {
      const ok = await confirmDialog({
        title: 'Replace chapters?',
        message: `The ${count} chapter(s) of this video will be replaced by those found in the video file's metadata or, without any, its transcript.`,
        confirmLabel: 'Replace',
        danger: true,
      });
      if (!ok) return;
    }
    await state.autoDetect(seconds, count > 0);
  }

  return (
    <div class="chapter-toolbar">
      <Button
        size="sm"
        variant="primary"
        icon="plus"
        data-action="add-chapter"
        disabled={locked || props.editing === 'new'}
        onClick={props.onAdd}
      >
        Add Chapter
      </Button>
      <div class="chapter-detect">
        <label class="chapter-detect-label">
          <span>Min. length (s)</span>
          <input
            name="min-length"
            type="number"
            class="input input-sm"
            min={MIN_LENGTH.min}
            max={MIN_LENGTH.max}
            value={minLength.value}
            onInput={(e) => (minLength.value = e.currentTarget.value)}
          />
        </label>
        <Button
          size="sm"
          icon="sparkle"
          data-action="auto-detect"
          disabled={locked}
          busy={state.busy.value === 'detect'}
          onClick={() => void detect()}
        >
          Auto-detect
        </Button>
      </div>
    </div>
  );
}

interface ListViewProps {
  state: ChaptersState;
  listRef: Ref<HTMLOListElement>;
  editing: number | 'new' | null;
  duration: number;
  onEdit: (id: number) => void;
  onCloseEdit: (id: number) => void;
  onMove: (chapter: Chapter, step: -1 | 1) => Promise<void>;
  onDelete: (chapter: Chapter) => Promise<void>;
}

/** Loading, error, empty, or the ordered list with one chapter in its form when it is being edited. */
function ChapterListView(props: ListViewProps) {
  const { state } = props;
  const list = state.chapters.value;
  const busy = state.busy.value;
  if (state.loadError.value)
    return (
      <div class="chapter-state" role="alert">
        <p>Could not load the chapters: {state.loadError.value}</p>
        <Button size="sm" icon="refresh" onClick={() => void state.reload()}>
          Try again
        </Button>
      </div>
    );
  if (list === null)
    return (
      <div class="chapter-state" aria-busy="true" aria-label="Loading chapters">
        <div class="skeleton skeleton-line" />
        <div class="skeleton skeleton-line short" />
      </div>
    );
  if (list.length === 0 && props.editing !== 'new') return <p class="chapter-empty muted">No chapters yet</p>;
  return (
    <ol class="chapter-list" ref={props.listRef}>
      {list.map((chapter, i) => (
        <li key={chapter.id} class="chapter-item" data-chapter-id={chapter.id}>
          {props.editing === chapter.id ? (
            <ChapterForm
              chapter={chapter}
              duration={props.duration}
              error={state.formError.value}
              busy={busy === `edit-${chapter.id}`}
              onCancel={() => props.onCloseEdit(chapter.id)}
              onSave={async (values) => {
                if (await state.edit(chapter.id, values)) props.onCloseEdit(chapter.id);
              }}
            />
          ) : (
            <ChapterItem
              chapter={chapter}
              first={i === 0}
              last={i === list.length - 1}
              locked={busy !== null || props.editing !== null}
              busy={
                busy === `move-${chapter.id}` ? 'move' : busy === `delete-${chapter.id}` ? 'delete' : null
              }
              onMove={(step) => void props.onMove(chapter, step)}
              onEdit={() => props.onEdit(chapter.id)}
              onDelete={() => void props.onDelete(chapter)}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
