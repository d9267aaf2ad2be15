/** The Transcription section's calls (api-admin.md §5.8 and caption upload). */
import type { ApiClient } from '../api.js';
import type { StatusMessage, Transcript, TranscriptUpdated } from '../../shared/types.js';

export function transcriptsApi(api: ApiClient, videoId: number) {
  const base = `/api/videos/${videoId}`;
  return {
    get: (signal?: AbortSignal) => api.get<Transcript>(`${base}/transcript`, signal ? { signal } : {}),
    /** `language` null: the engine detects it. */
    transcribe: (language: string | null) =>
      api.post<StatusMessage>(`${base}/transcribe`, language ? { language } : {}),
    update: (text: string) => api.put<TranscriptUpdated>(`${base}/transcript`, { text }),
    remove: () => api.delete<StatusMessage>(`${base}/transcript`),
    /** A .vtt or .srt file; `language` null: English. */
    uploadCaptions: (file: File, language: string | null) => {
      const form = new FormData();
      if (language) form.append('language', language);
      form.append('file', file);
      return api.put<Transcript>(`${base}/captions`, form, { timeoutMs: 60_000 });
    },
  };
}

export type TranscriptsApi = ReturnType<typeof transcriptsApi>;
