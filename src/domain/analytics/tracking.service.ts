import { randomUUID } from 'node:crypto';
import { notFound } from '../shared/errors.js';
import { createHeartbeatBatcher } from './heartbeat-batch.js';
import { normaliseQuality } from './tracking-rules.js';
import type { TrackingRepository } from './tracking.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TrackingOptions {
  /** analytics.respect_dnt, read at each request. */
  readonly respectDoNotTrack: boolean;
}

/** What a request says about its viewer: the `vlog_viewer` cookie, and whether it asks not to be tracked. */
export interface ViewerSignals {
  viewerCookie: string | undefined;
  doNotTrack: boolean;
}

/**
 * Viewer tracking (api-public.md §4.7): one viewer per browser (a random cookie, no IP address), one
 * playback session per page view, watched time credited per beat (watch-time.query.ts). With
 * analytics.respect_dnt on, a browser that asks not to be tracked gets the same answers and nothing is
 * written: its session token is a fresh random one that no row holds, and its beats are not looked up.
 */
export function createTrackingService(deps: { tracking: TrackingRepository; options: TrackingOptions }) {
  const { tracking, options } = deps;
  const heartbeat = createHeartbeatBatcher((beats) => tracking.heartbeats(beats));
  const untracked = (who: ViewerSignals) => options.respectDoNotTrack && who.doNotTrack;

  async function viewerOf(cookie: string | undefined): Promise<{ id: number; newCookie: string | null }> {
    const known = cookie && UUID.test(cookie) ? await tracking.touchViewer(cookie) : null;
    if (known !== null) return { id: known, newCookie: null };
    const created = await tracking.createViewer();
    return { id: created.id, newCookie: created.sessionId };
  }

  return {
    /** A new session; `newViewerCookie` is set when the browser needs a (new) viewer cookie. */
    async start(
      input: { videoId: number; quality?: string | null; position?: number },
      who: ViewerSignals,
    ): Promise<{ sessionToken: string; newViewerCookie: string | null }> {
      if (!(await tracking.isTrackable(input.videoId))) throw notFound('Video not found');
      if (untracked(who)) return { sessionToken: randomUUID(), newViewerCookie: null };
      const viewer = await viewerOf(who.viewerCookie);
      const sessionToken = await tracking.startSession({
        videoId: input.videoId,
        viewerId: viewer.id,
        quality: normaliseQuality(input.quality),
        position: input.position ?? 0,
      });
      return { sessionToken, newViewerCookie: viewer.newCookie };
    },

    /** A quality the player names but the ladder does not ("auto") leaves the stored one as it was. */
    async heartbeat(
      input: { sessionToken: string; position: number; quality?: string | null },
      who: ViewerSignals,
    ): Promise<void> {
      if (untracked(who)) return;
      const found = await heartbeat({
        token: input.sessionToken,
        position: input.position,
        quality: normaliseQuality(input.quality),
      });
      if (!found) throw notFound('Session not found');
    },

    async end(
      input: { sessionToken: string; position: number; completed?: boolean },
      who: ViewerSignals,
    ): Promise<void> {
      if (untracked(who)) return;
      const found = await tracking.end({
        token: input.sessionToken,
        position: input.position,
        completed: input.completed ?? false,
      });
      if (!found) throw notFound('Session not found');
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;
