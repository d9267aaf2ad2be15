/**
 * A video's custom fields inside the Edit Video modal: loads `GET /api/videos/{id}/custom-fields` (the global
 * fields and those of the video's category), shows one typed input per field, and hands the modal a save
 * function through `register`: it PUTs only the changed values (null deletes) and throws an Error carrying
 * the server's reason on a refusal, so the modal can show it and stay open.
 *
 * Test hooks: `#video-custom-fields`, each field `[data-custom-field="<slug>"]`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, type ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import type { VideoCustomFields } from '../../shared/types.js';
import { CustomFieldInput } from './custom-field-input.js';

export interface VideoCustomFieldsSectionProps {
  api: ApiClient;
  videoId: number;
  register: (save: () => Promise<void>) => void;
}

type Load =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: VideoCustomFields };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function VideoCustomFieldsSection({ api, videoId, register }: VideoCustomFieldsSectionProps) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [values, setValues] = useState<Record<number, unknown>>({});
  // The save function reads the latest state through refs: the modal keeps the one registered first.
  const state = useRef({ load, values });
  state.current = { load, values };

  const applyLoaded = (data: VideoCustomFields) => {
    setLoad({ kind: 'ready', data });
    setValues(Object.fromEntries(data.fields.map((f) => [f.field_id, f.value])));
  };

  const fetchFields = async () => {
    setLoad({ kind: 'loading' });
    try {
      applyLoaded(await api.get<VideoCustomFields>(`/api/videos/${videoId}/custom-fields`));
    } catch (err) {
      setLoad({ kind: 'error', message: errorMessage(err) });
    }
  };

  useEffect(() => {
    void fetchFields();
    register(async () => {
      const { load: current, values: edited } = state.current;
      if (current.kind !== 'ready') return;
      const changed = Object.fromEntries(
        current.data.fields
          .filter((f) => !same(f.value, edited[f.field_id]))
          .map((f) => [String(f.field_id), edited[f.field_id] ?? null]),
      );
      if (Object.keys(changed).length === 0) return;
      try {
        applyLoaded(
          await api.put<VideoCustomFields>(`/api/videos/${videoId}/custom-fields`, { values: changed }),
        );
      } catch (err) {
        throw new Error(errorMessage(err));
      }
    });
  }, [videoId]);

  return (
    <section
      id="video-custom-fields"
      class="custom-fields-section"
      aria-labelledby="video-custom-fields-title"
    >
      <h3 id="video-custom-fields-title" class="section-title">
        Custom fields
      </h3>
      {load.kind === 'loading' && (
        <p class="muted" role="status">
          Loading custom fields…
        </p>
      )}
      {load.kind === 'error' && (
        <div class="inline-error" role="alert">
          <span>Could not load the custom fields: {load.message}</span>
          <Button size="sm" onClick={() => void fetchFields()}>
            Try again
          </Button>
        </div>
      )}
      {load.kind === 'ready' && load.data.fields.length === 0 && (
        <p class="muted">No custom fields apply to this video. Add them in the Categories tab.</p>
      )}
      {load.kind === 'ready' &&
        load.data.fields.map((f) => {
          const id = `video-${videoId}-field-${f.field_id}`;
          return (
            <div class="field" key={f.field_id} data-custom-field={f.field_slug}>
              <label class="field-label" for={id}>
                {f.field_name}
                {f.required && <span class="required-mark"> (required)</span>}
              </label>
              <CustomFieldInput
                field={f}
                id={id}
                value={values[f.field_id] ?? null}
                onChange={(v) => setValues((prev) => ({ ...prev, [f.field_id]: v }))}
              />
              {f.description && <p class="field-hint muted">{f.description}</p>}
            </div>
          );
        })}
    </section>
  );
}
