/**
 * The Transcription section's state in signals: the transcript as the server last answered it, the load's
 * error, the running action and the last refusal. While a transcription is pending or processing it is
 * fetched again every few seconds (stopped when the section closes), so the status follows the worker.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { UnauthorizedError, errorMessage, isAbortError, type ApiClient } from '../api.js';
import { toast } from '../components/toast.js';
import type { Transcript } from '../../shared/types.js';
import { transcriptsApi } from './transcripts-api.js';

/** How often a pending or processing transcription is looked at again. */
export const REFRESH_MS = 3000;

export type TranscriptAction = 'transcribe' | 'save' | 'upload' | 'delete';

const isRunning = (t: Transcript | null) => t?.status === 'pending' || t?.status === 'processing';

export function useTranscript(api: ApiClient, videoId: number) {
  const calls = useMemo(() => transcriptsApi(api, videoId), [api, videoId]);
  const transcript = useSignal<Transcript | null>(null);
  const loadError = useSignal<string | null>(null);
  const busy = useSignal<TranscriptAction | null>(null);
  const error = useSignal<string | null>(null);

  async function load(signal?: AbortSignal): Promise<void> {
    try {
      transcript.value = await calls.get(signal);
      loadError.value = null;
    } catch (err) {
      if (isAbortError(err) || err instanceof UnauthorizedError) return;
      loadError.value = errorMessage(err);
    }
  }

  useEffect(() => {
    transcript.value = null;
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [calls]);

  // Live refresh while the worker has it: one timer at a time, re-armed after each answer.
  const running = isRunning(transcript.value);
  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    let timer = 0;
    const tick = async () => {
      await load(controller.signal);
      if (!controller.signal.aborted) timer = window.setTimeout(() => void tick(), REFRESH_MS);
    };
    timer = window.setTimeout(() => void tick(), REFRESH_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [calls, running]);

  async function run(action: TranscriptAction, work: () => Promise<unknown>, done: string): Promise<boolean> {
    busy.value = action;
    error.value = null;
    try {
      await work();
      await load();
      toast(done, 'success');
      return true;
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) error.value = errorMessage(err);
      return false;
    } finally {
      busy.value = null;
    }
  }

  return {
    transcript,
    loadError,
    busy,
    error,
    reload: () => load(),
    transcribe: (language: string | null) =>
      run('transcribe', () => calls.transcribe(language), 'Transcription queued'),
    save: (text: string) => run('save', () => calls.update(text), 'Transcript saved'),
    upload: (file: File, language: string | null) =>
      run('upload', () => calls.uploadCaptions(file, language), 'Captions uploaded'),
    remove: () => run('delete', () => calls.remove(), 'Transcript deleted'),
  };
}

export type TranscriptState = ReturnType<typeof useTranscript>;
