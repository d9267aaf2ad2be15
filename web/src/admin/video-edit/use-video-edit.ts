/**
 * The Edit Video modal's data: loads the video's detail, its tags, every tag and the categories, and saves
 * in order — `PUT /api/videos/{id}` (changed fields only), then `PUT /api/videos/{id}/tags` (when the set
 * changed), then each registered section (custom fields). A failure stops there and is shown inline.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, type ApiClient } from '../api.js';
import type { Category, TagRef, VideoDetail } from '../../shared/types.js';
import { editBody, formFrom, sameTags, type EditForm } from './video-edit-form.js';

export interface EditData {
  video: VideoDetail;
  tags: TagRef[];
  categories: Category[];
  initial: EditForm;
}

export type EditLoad =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: EditData };

async function fetchEditData(api: ApiClient, videoId: number): Promise<EditData> {
  const [video, own, tags, categories] = await Promise.all([
    api.get<VideoDetail>(`/api/videos/${videoId}`),
    api.get<TagRef[]>(`/api/videos/${videoId}/tags`),
    api.get<TagRef[]>('/api/tags'),
    api.get<Category[]>('/api/categories'),
  ]);
  return {
    video,
    tags,
    categories,
    initial: formFrom(
      video,
      own.map((t) => t.id),
    ),
  };
}

export function useVideoEdit(api: ApiClient, videoId: number) {
  const [load, setLoad] = useState<EditLoad>({ kind: 'loading' });
  const [form, setForm] = useState<EditForm | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sections = useRef<Array<() => Promise<void>>>([]);

  const reload = async () => {
    setLoad({ kind: 'loading' });
    try {
      const data = await fetchEditData(api, videoId);
      setLoad({ kind: 'ready', data });
      setForm(data.initial);
    } catch (err) {
      setLoad({ kind: 'error', message: errorMessage(err) });
    }
  };
  useEffect(() => void reload(), [videoId]);

  /** Saves everything; true when all of it was stored. */
  const save = async (): Promise<boolean> => {
    if (load.kind !== 'ready' || !form) return false;
    setSaving(true);
    setError(null);
    try {
      const body = editBody(load.data.initial, form);
      if (Object.keys(body).length > 0) await api.put(`/api/videos/${videoId}`, body);
      if (!sameTags(load.data.initial.tagIds, form.tagIds))
        await api.put(`/api/videos/${videoId}/tags`, { tag_ids: form.tagIds });
      for (const saveSection of sections.current) await saveSection();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setSaving(false);
    }
  };

  return {
    load,
    form,
    update: (patch: Partial<EditForm>) => setForm((f) => (f ? { ...f, ...patch } : f)),
    /** A tag created in the picker joins the list of every tag. */
    tagCreated: (tag: TagRef) =>
      setLoad((l) =>
        l.kind === 'ready' ? { kind: 'ready', data: { ...l.data, tags: [...l.data.tags, tag] } } : l,
      ),
    register: (saveSection: () => Promise<void>) => {
      if (!sections.current.includes(saveSection)) sections.current.push(saveSection);
    },
    save,
    saving,
    error,
    reload,
  };
}
