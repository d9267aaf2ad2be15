/**
 * Live transcoding progress.
 *
 * Primary: `EventSource('/api/events/progress')` (cookie auth, no CSRF for GET)
 * — `initial` {progress: {id: ProgressMsg}}, then `progress` ProgressMsg, plus
 * `job_completed`/`job_failed` (Redis mode) and `heartbeat`.
 * Fallback: when the stream errors repeatedly, poll
 * `GET /api/videos/{id}/progress` every 3 s for the watched (pending/processing)
 * videos, and try the stream again every minute.
 */
import { ApiClient, UnauthorizedError } from './api.js';
import type { ProgressMsg, TranscodingProgress } from '../shared/types.js';

export type StreamMode = 'connecting' | 'live' | 'polling' | 'stopped';

export type ProgressListener = (msg: ProgressMsg) => void;
export type ModeListener = (mode: StreamMode) => void;

const STREAM_URL = '/api/events/progress';
const MAX_CONSECUTIVE_ERRORS = 3;
const POLL_INTERVAL_MS = 3000;
const SSE_RETRY_MS = 60_000;

export class ProgressStream {
  private source: EventSource | null = null;
  private errors = 0;
  private pollTimer: number | null = null;
  private pollGeneration = 0;
  private retryTimer: number | null = null;
  private readonly watched = new Set<number>();
  private readonly listeners = new Set<ProgressListener>();
  private readonly modeListeners = new Set<ModeListener>();
  private currentMode: StreamMode = 'stopped';

  constructor(private readonly api: ApiClient) {}

  get mode(): StreamMode {
    return this.currentMode;
  }

  subscribe(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onModeChange(listener: ModeListener): () => void {
    this.modeListeners.add(listener);
    listener(this.currentMode);
    return () => this.modeListeners.delete(listener);
  }

  /** Videos to poll while in fallback mode (the pending/processing rows). */
  setWatchedIds(ids: Iterable<number>): void {
    this.watched.clear();
    for (const id of ids) this.watched.add(id);
  }

  start(): void {
    if (this.source || this.currentMode === 'polling') return;
    this.connect();
  }

  stop(): void {
    this.closeSource();
    this.stopPolling();
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.setMode('stopped');
  }

  private setMode(mode: StreamMode): void {
    if (mode === this.currentMode) return;
    this.currentMode = mode;
    for (const l of this.modeListeners) l(mode);
  }

  private emit(msg: ProgressMsg): void {
    for (const l of this.listeners) {
      try {
        l(msg);
      } catch (err) {
        console.error('progress listener failed', err);
      }
    }
  }

  private connect(): void {
    if (typeof EventSource === 'undefined') {
      this.startPolling();
      return;
    }
    this.errors = 0;
    this.setMode('connecting');
    const source = new EventSource(STREAM_URL, { withCredentials: true });
    this.source = source;

    const ok = (): void => {
      this.errors = 0;
      this.setMode('live');
    };
    source.addEventListener('open', ok);
    source.addEventListener('initial', (ev) => {
      ok();
      const data = parse<{ progress?: Record<string, ProgressMsg> }>(ev);
      for (const [id, msg] of Object.entries(data?.progress ?? {})) {
        this.emit({ ...msg, video_id: Number(msg.video_id ?? id) });
      }
    });
    const forward = (ev: MessageEvent<string>): void => {
      ok();
      const msg = parse<ProgressMsg>(ev);
      if (msg && typeof msg.video_id !== 'undefined')
        this.emit({ ...msg, type: msg.type ?? ev.type, video_id: Number(msg.video_id) });
    };
    source.addEventListener('progress', forward);
    source.addEventListener('job_completed', (ev) => forward(withStatus(ev, 'ready')));
    source.addEventListener('job_failed', (ev) => forward(withStatus(ev, 'failed')));
    source.addEventListener('heartbeat', ok);
    source.addEventListener('error', () => {
      this.errors++;
      if (source.readyState === EventSource.CLOSED || this.errors >= MAX_CONSECUTIVE_ERRORS) {
        this.closeSource();
        this.startPolling();
        this.scheduleSseRetry();
      } else {
        this.setMode('connecting');
      }
    });
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
  }

  private scheduleSseRetry(): void {
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      if (this.currentMode !== 'polling') return;
      this.stopPolling();
      this.connect();
    }, SSE_RETRY_MS);
  }

  private startPolling(): void {
    this.setMode('polling');
    if (this.pollTimer !== null) return;
    const generation = ++this.pollGeneration;
    const active = (): boolean => this.currentMode === 'polling' && generation === this.pollGeneration;
    const tick = async (): Promise<void> => {
      for (const id of [...this.watched]) {
        if (!active()) return;
        try {
          const progress = await this.api.get<TranscodingProgress>(`/api/videos/${id}/progress`, {
            timeoutMs: 8000,
          });
          this.emit({ ...progress, type: 'progress', video_id: id });
        } catch (err) {
          if (err instanceof UnauthorizedError) {
            this.stop();
            return;
          }
          // Other errors: try again on the next tick.
        }
      }
    };
    const loop = (): void => {
      void tick().finally(() => {
        if (active()) this.pollTimer = window.setTimeout(loop, POLL_INTERVAL_MS);
      });
    };
    this.pollTimer = window.setTimeout(loop, 0);
  }

  private stopPolling(): void {
    this.pollGeneration++;
    if (this.pollTimer !== null) window.clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }
}

function parse<T>(ev: Event): T | null {
  const data = (ev as MessageEvent<unknown>).data;
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/** Redis-mode job events may lack a status: imply it from the event name. */
function withStatus(ev: Event, status: 'ready' | 'failed'): MessageEvent<string> {
  const msg = parse<Record<string, unknown>>(ev);
  if (!msg) return ev as MessageEvent<string>;
  return new MessageEvent(ev.type, {
    data: JSON.stringify({ status, progress_percent: status === 'ready' ? 100 : 0, ...msg }),
  });
}
