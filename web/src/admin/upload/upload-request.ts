/**
 * Multipart `POST /api/videos` through XMLHttpRequest (fetch has no upload progress): reports byte
 * progress with speed and time left, can be aborted, and settles with one typed outcome.
 */
import { detailFromBody } from '../../shared/http.js';
import { formatBytes } from '../../shared/format.js';
import type { UploadResponse } from '../../shared/types.js';

export type UploadOutcome =
  | { kind: 'ok'; response: Partial<UploadResponse> }
  | { kind: 'failed'; message: string }
  | { kind: 'unauthorized' }
  | { kind: 'aborted' };

export interface UploadProgress {
  percent: number;
  text: string;
}

export interface UploadRequest {
  done: Promise<UploadOutcome>;
  abort(): void;
}

/** Upload speed over a sliding window of recent progress samples. */
class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];

  add(bytes: number): void {
    const t = performance.now();
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - (this.samples[0]?.t ?? t) > 4000) this.samples.shift();
  }

  /** Bytes per second, or 0 while unknown. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t - first.t < 250) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.t - first.t);
  }
}

export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s left`;
  return `${Math.floor(m / 60)} h ${m % 60} min left`;
}

function failure(status: number, body: string, statusText: string): string {
  let parsed: unknown = null;
  try {
    parsed = body ? JSON.parse(body) : null;
  } catch {
    parsed = null;
  }
  const detail = detailFromBody(parsed) ?? (statusText || `HTTP ${status}`);
  const prefix =
    status === 413 ? 'File too large' : status === 429 ? 'Upload limit reached' : 'Upload failed';
  return `${prefix}: ${detail}`;
}

export function sendUpload(opts: {
  body: FormData;
  headers: Record<string, string>;
  size: number;
  onProgress: (p: UploadProgress) => void;
}): UploadRequest {
  const xhr = new XMLHttpRequest();
  const meter = new SpeedMeter();
  const size = formatBytes(opts.size);
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.addEventListener('progress', (ev) => {
      const total = ev.lengthComputable ? ev.total : opts.size;
      meter.add(ev.loaded);
      const percent = total > 0 ? Math.min(100, Math.floor((ev.loaded / total) * 100)) : 0;
      const rate = meter.rate();
      const parts = [`${percent}%`, `${formatBytes(ev.loaded)} of ${formatBytes(total)}`];
      if (rate > 0) parts.push(`${formatBytes(rate)}/s`, formatEta((total - ev.loaded) / rate));
      opts.onProgress({ percent, text: parts.filter(Boolean).join(' · ') });
    });
    xhr.upload.addEventListener('load', () =>
      opts.onProgress({ percent: 100, text: `100% · ${size} · Processing on the server…` }),
    );
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        let response: Partial<UploadResponse> = {};
        try {
          response = JSON.parse(xhr.responseText) as Partial<UploadResponse>;
        } catch {
          // A 2xx without JSON still means the upload was taken.
        }
        resolve({ kind: 'ok', response });
      } else if (xhr.status === 401) resolve({ kind: 'unauthorized' });
      else resolve({ kind: 'failed', message: failure(xhr.status, xhr.responseText, xhr.statusText) });
    });
    xhr.addEventListener('error', () =>
      resolve({
        kind: 'failed',
        message: 'Upload failed: network error. Check your connection and try again.',
      }),
    );
    xhr.addEventListener('abort', () => resolve({ kind: 'aborted' }));
  });
  xhr.open('POST', '/api/videos');
  xhr.withCredentials = true;
  xhr.setRequestHeader('Accept', 'application/json');
  for (const [k, v] of Object.entries(opts.headers)) xhr.setRequestHeader(k, v);
  opts.onProgress({ percent: 0, text: `0% · 0 B of ${size}` });
  xhr.send(opts.body);
  return { done, abort: () => xhr.abort() };
}
