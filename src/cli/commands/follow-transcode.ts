import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, CliError, type AdminClient } from '../admin-client.js';
import { sseEvents } from '../sse-events.js';

/** The fields shared by the SSE ProgressMsg and GET /api/videos/{id}/progress (api-admin.md §12). */
export interface TranscodeState {
  status: string;
  current_step: string | null;
  progress_percent: number;
  qualities?: Array<{ name: string; status: string; progress: number }>;
  last_error: string | null;
}

interface FollowOptions {
  signal: AbortSignal;
  onUpdate(state: TranscodeState): void;
}

const isFinal = (s: TranscodeState) => s.status === 'ready' || s.status === 'failed';
const MAX_RECONNECTS = 5;
/** Far above the server's heartbeat (VLOG_SSE_HEARTBEAT_INTERVAL, 30 s): a silent stream is dead. */
const IDLE_MS = 120_000;

/** A refusal that no retry changes (auth, unknown or deleted video); 408/429 pass with time. */
const isLasting = (err: unknown) =>
  err instanceof ApiError &&
  err.status >= 400 &&
  err.status < 500 &&
  err.status !== 408 &&
  err.status !== 429;

/**
 * Follows one video's transcoding until it is ready or failed and returns that final state.
 * Live updates come from the admin SSE stream; GET /api/videos/{id}/progress answers what the
 * stream cannot: a video that finished before the stream opened, a dropped stream, and (at each
 * heartbeat) a change the stream missed. Aborting `signal` stops following; the job runs on.
 */
export async function followTranscode(
  client: AdminClient,
  videoId: number,
  options: FollowOptions,
): Promise<TranscodeState> {
  const read = async () =>
    (await client.get(`/videos/${videoId}/progress`, options.signal)) as TranscodeState;
  let drops = 0;
  for (;;) {
    const final = await watchStream(client, videoId, options, read, () => (drops = 0));
    if (final) return final;
    options.signal.throwIfAborted();
    if (++drops > MAX_RECONNECTS)
      throw new CliError(`Lost the progress stream of video ${videoId}; it keeps processing on the server.`);
    // The stream dropped (a server restart, a proxy timeout): read the state, then reconnect.
    const state = await read().catch((err: unknown) => {
      if (isLasting(err) || options.signal.aborted) throw err;
      return null;
    });
    if (state) {
      options.onUpdate(state);
      if (isFinal(state)) return state;
    }
    await delay(1000 * drops, undefined, { signal: options.signal });
  }
}

/** One SSE connection: the final state once seen, or null when the stream ended or broke. */
async function watchStream(
  client: AdminClient,
  videoId: number,
  options: FollowOptions,
  read: () => Promise<TranscodeState>,
  onEvent: () => void,
): Promise<TranscodeState | null> {
  const idle = new AbortController();
  const timer = setTimeout(() => idle.abort(), IDLE_MS);
  try {
    const res = await fetch(`${client.api}/events/progress?video_ids=${videoId}`, {
      headers: { ...client.headers(), Accept: 'text/event-stream' },
      signal: AbortSignal.any([options.signal, idle.signal]),
    });
    if (!res.ok || !res.body) {
      await client.handle(res);
      return null;
    }
    for await (const { event, data } of sseEvents(res.body)) {
      timer.refresh();
      onEvent();
      const state = await stateFrom(event, data, videoId, read);
      if (!state) continue;
      options.onUpdate(state);
      if (isFinal(state)) return state;
    }
    return null;
  } catch (err) {
    if (isLasting(err) || options.signal.aborted) throw err;
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function stateFrom(
  event: string,
  data: string,
  videoId: number,
  read: () => Promise<TranscodeState>,
): Promise<TranscodeState | null> {
  switch (event) {
    case 'initial': {
      const { progress } = JSON.parse(data) as { progress: Record<string, TranscodeState> };
      // Absent from the unfinished videos: it finished (or failed) before the stream opened.
      return progress[String(videoId)] ?? read();
    }
    case 'progress': {
      const msg = JSON.parse(data) as TranscodeState & { video_id: number };
      return msg.video_id === videoId ? msg : null;
    }
    case 'job_completed':
    case 'job_failed': {
      // These carry no full state (pipeline.md §18): read it.
      const msg = JSON.parse(data) as { video_id?: number };
      return msg.video_id === videoId ? read() : null;
    }
    case 'heartbeat':
      return read();
    default:
      return null;
  }
}
