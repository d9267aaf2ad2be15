/**
 * The Edit Video modal's Transcription section (issue 14): the transcript's status (refreshed live while
 * pending or processing), "Transcribe" with a language (auto-detect or one of Whisper's), the transcript
 * text to edit and save, "Upload captions" (.vtt or .srt, converted on the server) and "Delete" (after a
 * confirm). Each action is saved at once; a refusal shows in the section.
 *
 * Test hooks: `.transcript-section`, `#transcript-status`, `#transcript-language`, `#transcript-transcribe`,
 * `#transcript-text`, `#transcript-save`, `#captions-file`, `#captions-upload`, `#transcript-delete`,
 * `#transcript-error`.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import { Badge } from '../components/badge.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { ErrorState } from '../components/states.js';
import { formatDate } from '../../shared/format.js';
import type { Transcript } from '../../shared/types.js';
import { languageName, languageOptions } from './languages.js';
import { useTranscript, type TranscriptState } from './use-transcript.js';

const STATUS_TEXT: Record<Transcript['status'], string> = {
  none: 'No transcript yet',
  pending: 'Queued: waiting for a worker',
  processing: 'Transcribing…',
  completed: 'Completed',
  failed: 'Failed',
};
const BADGE: Record<Transcript['status'], string> = {
  none: 'pending',
  pending: 'pending',
  processing: 'processing',
  completed: 'ready',
  failed: 'failed',
};

function StatusLine({ transcript }: { transcript: Transcript }) {
  const running = transcript.status === 'pending' || transcript.status === 'processing';
  return (
    <div id="transcript-status" class="transcript-status" role="status" aria-live="polite">
      {transcript.status === 'none' ? (
        <span class="muted">{STATUS_TEXT.none}</span>
      ) : (
        <Badge status={BADGE[transcript.status]}>{STATUS_TEXT[transcript.status]}</Badge>
      )}
      {running && <span class="spinner" aria-hidden="true" />}
      {transcript.status === 'completed' && (
        <span class="muted">
          {languageName(transcript.language)} · {transcript.word_count ?? 0} words
          {transcript.completed_at ? ` · ${formatDate(transcript.completed_at)}` : ''}
          {transcript.vtt_url ? ' · captions on the watch page' : ''}
        </span>
      )}
      {transcript.status === 'failed' && transcript.error_message && (
        <span class="form-error">{transcript.error_message}</span>
      )}
    </div>
  );
}

function TranscribeControls(props: { state: TranscriptState; transcript: Transcript; ready: boolean }) {
  const language = useSignal('');
  const options = useMemo(languageOptions, []);
  const { state, transcript } = props;
  const running = transcript.status === 'pending' || transcript.status === 'processing';
  return (
    <div class="transcript-row">
      <label class="field-label" for="transcript-language">
        Language
      </label>
      <select
        id="transcript-language"
        class="input"
        value={language.value}
        onChange={(ev) => (language.value = ev.currentTarget.value)}
      >
        <option value="">Detect automatically</option>
        {options.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name} ({l.code})
          </option>
        ))}
      </select>
      <Button
        id="transcript-transcribe"
        variant="primary"
        busy={state.busy.value === 'transcribe'}
        disabled={!props.ready || running}
        title={props.ready ? undefined : 'The video must be ready first'}
        onClick={() => void state.transcribe(language.value || null)}
      >
        {transcript.status === 'none' ? 'Transcribe' : 'Transcribe again'}
      </Button>
      <CaptionsUpload state={state} language={language.value} disabled={running} />
    </div>
  );
}

function CaptionsUpload(props: { state: TranscriptState; language: string; disabled: boolean }) {
  const file = useSignal<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const upload = async (chosen: File) => {
    if (!(await props.state.upload(chosen, props.language || null))) return;
    // Stored: the picker starts empty again.
    file.value = null;
    if (input.current) input.current.value = '';
  };
  return (
    <div class="captions-upload">
      <label class="field-label" for="captions-file">
        Captions file (.vtt or .srt)
      </label>
      <input
        ref={input}
        id="captions-file"
        type="file"
        class="input"
        accept=".vtt,.srt,text/vtt"
        onChange={(ev) => (file.value = ev.currentTarget.files?.[0] ?? null)}
      />
      <Button
        id="captions-upload"
        icon="upload"
        busy={props.state.busy.value === 'upload'}
        disabled={!file.value || props.disabled}
        onClick={() => file.value && void upload(file.value)}
      >
        Upload captions
      </Button>
    </div>
  );
}

function TextEditor({ state, transcript }: { state: TranscriptState; transcript: Transcript }) {
  const text = useSignal(transcript.text ?? '');
  // A new answer from the server (after a save, an upload, a completed transcription) replaces the draft.
  useEffect(() => {
    text.value = transcript.text ?? '';
  }, [transcript.text]);
  const changed = text.value !== (transcript.text ?? '');
  return (
    <div class="field">
      <label class="field-label" for="transcript-text">
        Transcript
      </label>
      <textarea
        id="transcript-text"
        class="input transcript-text"
        rows={6}
        maxLength={500000}
        value={text.value}
        aria-describedby="transcript-text-hint"
        onInput={(ev) => (text.value = ev.currentTarget.value)}
      />
      <p id="transcript-text-hint" class="field-hint muted">
        Saving changes the text (search, chapters) but not the timed captions: upload a captions file for
        that.
      </p>
      <div class="inline-row">
        <Button
          id="transcript-save"
          variant="primary"
          size="sm"
          busy={state.busy.value === 'save'}
          disabled={!changed || text.value.trim() === ''}
          onClick={() => void state.save(text.value)}
        >
          Save transcript
        </Button>
      </div>
    </div>
  );
}

async function remove(state: TranscriptState): Promise<void> {
  const ok = await confirmDialog({
    title: 'Delete transcript?',
    message: 'The transcript and its captions are removed from this video.',
    confirmLabel: 'Delete',
    danger: true,
  });
  if (ok) await state.remove();
}

export function TranscriptSection(props: { api: ApiClient; videoId: number; videoReady: boolean }) {
  const state = useTranscript(props.api, props.videoId);
  const transcript = state.transcript.value;
  return (
    <section class="transcript-section" aria-labelledby="transcript-section-title">
      <h3 id="transcript-section-title" class="section-title">
        Transcription
      </h3>
      {state.loadError.value && !transcript && (
        <ErrorState
          title="Could not load the transcript"
          message={state.loadError.value}
          onRetry={() => void state.reload()}
        />
      )}
      {!transcript && !state.loadError.value && (
        <p class="muted" role="status">
          <span class="spinner" aria-hidden="true" /> Loading transcript…
        </p>
      )}
      {transcript && (
        <>
          <div class="transcript-head">
            <StatusLine transcript={transcript} />
            {transcript.status !== 'none' && (
              <Button
                id="transcript-delete"
                variant="ghost-danger"
                size="sm"
                icon="trash"
                busy={state.busy.value === 'delete'}
                onClick={() => void remove(state)}
              >
                Delete
              </Button>
            )}
          </div>
          {state.error.value && (
            <p id="transcript-error" class="form-error" role="alert">
              {state.error.value}
            </p>
          )}
          <TranscribeControls state={state} transcript={transcript} ready={props.videoReady} />
          {transcript.text !== null && <TextEditor state={state} transcript={transcript} />}
        </>
      )}
    </section>
  );
}
