/**
 * The add / edit form of one chapter: title, start (`m:ss` or `h:mm:ss`), optional end and description.
 * Times are checked here first (a clear message next to the field); the server's refusal shows in the
 * form's alert. Escape cancels. The fields are uncontrolled (defaultValue): a re-render after a refusal
 * keeps what was typed.
 *
 * Test hooks: `form.chapter-form`, inputs `[name=title|start|end|description]`, `.chapter-form-error`.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../components/button.js';
import { formatChapterTime, parseChapterTime } from './chapter-time.js';
import type { Chapter, ChapterCreate } from './chapters-api.js';

let formCount = 0;

export interface ChapterFormProps {
  /** The chapter edited; a new chapter when absent. */
  chapter?: Chapter;
  /** Seconds; 0 when unknown (then any start is allowed). */
  duration: number;
  /** The server's refusal of the last save, if any. */
  error: string | null;
  busy: boolean;
  onSave: (values: ChapterCreate) => void;
  onCancel: () => void;
}

/** The values of the fields, or the first thing wrong with them. */
function readForm(form: HTMLFormElement, duration: number): ChapterCreate | string {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const title = text('title');
  if (!title) return 'Enter a title.';
  const start = parseChapterTime(text('start'));
  if (start === null) return 'Start must be a time like 1:05 or 1:02:03.';
  if (duration > 0 && start >= duration)
    return `Start must be before the end of the video (${formatChapterTime(duration)}).`;
  const endText = text('end');
  const end = endText ? parseChapterTime(endText) : null;
  if (endText && end === null) return 'End must be a time like 1:05, or empty.';
  if (end !== null && end <= start) return 'End must be after start.';
  return { title, start_time: start, end_time: end, description: text('description') || null };
}

export function ChapterForm(props: ChapterFormProps) {
  const { chapter } = props;
  const id = useRef(`chapter-form-${++formCount}`).current;
  const invalid = useSignal<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  function submit(event: Event): void {
    event.preventDefault();
    const values = readForm(event.currentTarget as HTMLFormElement, props.duration);
    invalid.value = typeof values === 'string' ? values : null;
    if (typeof values !== 'string') props.onSave(values);
  }

  const message = invalid.value ?? props.error;
  return (
    <form
      class="chapter-form"
      aria-label={chapter ? `Edit chapter ${chapter.title}` : 'New chapter'}
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // The editor lives in a dialog: Escape closes this form, not the dialog.
        e.preventDefault();
        e.stopPropagation();
        props.onCancel();
      }}
    >
      <div class="chapter-form-grid">
        <div class="field chapter-field-title">
          <label class="field-label" for={`${id}-title`}>
            Title
          </label>
          <input
            ref={titleRef}
            id={`${id}-title`}
            name="title"
            class="input input-sm"
            maxLength={255}
            required
            defaultValue={chapter?.title ?? ''}
          />
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-start`}>
            Start
          </label>
          <input
            id={`${id}-start`}
            name="start"
            class="input input-sm"
            inputMode="decimal"
            placeholder="m:ss"
            required
            defaultValue={chapter ? formatChapterTime(chapter.start_time) : ''}
          />
        </div>
        <div class="field">
          <label class="field-label" for={`${id}-end`}>
            End <span class="muted">(optional)</span>
          </label>
          <input
            id={`${id}-end`}
            name="end"
            class="input input-sm"
            inputMode="decimal"
            placeholder="m:ss"
            defaultValue={chapter?.end_time != null ? formatChapterTime(chapter.end_time) : ''}
          />
        </div>
        <div class="field chapter-field-description">
          <label class="field-label" for={`${id}-description`}>
            Description <span class="muted">(optional)</span>
          </label>
          <textarea
            id={`${id}-description`}
            name="description"
            class="input input-sm"
            rows={2}
            maxLength={1000}
            defaultValue={chapter?.description ?? ''}
          />
        </div>
      </div>
      {message ? (
        <p class="form-error chapter-form-error" role="alert">
          {message}
        </p>
      ) : null}
      <div class="chapter-form-actions">
        <Button size="sm" variant="ghost" onClick={props.onCancel} disabled={props.busy}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit" busy={props.busy}>
          {chapter ? 'Save chapter' : 'Add chapter'}
        </Button>
      </div>
    </form>
  );
}
