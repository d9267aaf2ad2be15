/**
 * The chapter editor's state in signals: the list as the server last answered it, the load's error,
 * which action is running, and the last refusal of a form save. Every action saves at once and the
 * list is then the server's (positions and all), so the editor never shows what was not stored.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { UnauthorizedError, errorMessage, isAbortError, type ApiClient } from '../api.js';
import { toast } from '../components/toast.js';
import { chaptersApi, type Chapter, type ChapterCreate } from './chapters-api.js';

/** What is running: a form save, a row's action, or the auto-detection. */
export type ChapterAction = 'add' | 'detect' | `${'edit' | 'delete' | 'move'}-${number}`;

export function useChapters(api: ApiClient, videoId: number) {
  const calls = useMemo(() => chaptersApi(api, videoId), [api, videoId]);
  const chapters = useSignal<Chapter[] | null>(null);
  const loadError = useSignal<string | null>(null);
  const busy = useSignal<ChapterAction | null>(null);
  const formError = useSignal<string | null>(null);

  async function load(signal?: AbortSignal): Promise<void> {
    loadError.value = null;
    try {
      chapters.value = (await calls.list(signal)).chapters;
    } catch (err) {
      if (isAbortError(err) || err instanceof UnauthorizedError) return;
      loadError.value = errorMessage(err);
    }
  }
  useEffect(() => {
    chapters.value = null;
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [calls]);

  /** Runs one action; a refusal goes to the form (form saves) or a toast. True when it succeeded. */
  async function run(action: ChapterAction, work: () => Promise<unknown>, done?: string): Promise<boolean> {
    busy.value = action;
    formError.value = null;
    try {
      await work();
      await load();
      if (done) toast(done, 'success');
      return true;
    } catch (err) {
      if (err instanceof UnauthorizedError) return false;
      const message = errorMessage(err);
      if (action === 'add' || action.startsWith('edit-')) formError.value = message;
      else toast(message, 'error');
      return false;
    } finally {
      busy.value = null;
    }
  }

  /** The ids in their order after `id` moves one place up (-1) or down (+1). */
  function movedOrder(id: number, step: -1 | 1): number[] {
    const ids = (chapters.value ?? []).map((c) => c.id);
    const from = ids.indexOf(id);
    const to = from + step;
    if (from < 0 || to < 0 || to >= ids.length) return ids;
    [ids[from], ids[to]] = [ids[to] as number, ids[from] as number];
    return ids;
  }

  return {
    chapters,
    loadError,
    busy,
    formError,
    reload: () => load(),
    clearFormError: () => (formError.value = null),
    add: (values: ChapterCreate) => run('add', () => calls.create(values), 'Chapter added'),
    edit: (id: number, values: ChapterCreate) =>
      run(`edit-${id}`, () => calls.update(id, values), 'Chapter saved'),
    remove: (id: number) => run(`delete-${id}`, () => calls.remove(id), 'Chapter deleted'),
    move: (id: number, step: -1 | 1) => run(`move-${id}`, () => calls.reorder(movedOrder(id, step))),
    autoDetect: (minLength: number, replace: boolean) =>
      run('detect', async () => {
        // The file's embedded chapters first, else sections of the stored transcript (pipeline.md §15).
        const r = await calls.autoDetect({
          source: 'both',
          min_chapter_length: minLength,
          replace_existing: replace,
        });
        toast(r.message, 'success');
      }),
  };
}

export type ChaptersState = ReturnType<typeof useChapters>;
