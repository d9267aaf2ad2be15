import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renditionLayout, type RenditionLayout } from '../media/hls-layout.js';
import type { LadderPlan, Rendition } from '../media/ladder.js';
import { buildMediaPlaylist, segmentNumber, type LivePlaylistType } from '../media/live-playlist.js';
import { MediaError } from '../media/media-error.js';
import { describeInitFile } from '../media/mp4-init.js';
import { parseMediaPlaylist, type MediaPlaylistSegment } from '../media/output-validation.js';
import { describeOutput, type OutputDescription } from '../media/transcode-ladder.js';
import type { ClaimedWork, PublishFile, WorkerProtocol } from './worker-protocol.js';
import { createWakeableSleep } from './wakeable-sleep.js';

/**
 * Publishes each rendition's segments while the one ffmpeg process is still writing them. ffmpeg
 * (-hls_flags temp_file, event playlists) renames a segment to its final name once complete and only then
 * lists it in its scratch playlist, so a listed segment is final. Per rendition the publisher sends the
 * new segments (init.mp4 first for CMAF), then an EVENT playlist listing exactly the published ones; once
 * every rendition has a segment it publishes the master playlist. Segments an earlier attempt published
 * (the checkpoint) are kept: a resumed encode's copies of them are skipped, never re-sent.
 */

export interface PublishedRendition {
  rendition: Rendition;
  layout: RenditionLayout;
  /** Segments 0..n-1, as listed in the published playlist. */
  segments: MediaPlaylistSegment[];
  /** Size and CODECS read from this run's first segment; null until it has one. */
  output: OutputDescription | null;
  /** The read of `output` in flight (it runs beside the publishing, only the master waits for it). */
  describing: Promise<void> | null;
}

export interface LivePublisherOptions {
  work: ClaimedWork;
  protocol: WorkerProtocol;
  plan: LadderPlan;
  /** The encode's scratch directory (ffmpeg's output). */
  outputDir: string;
  /** Source frame rate the keyframe plan uses; recorded in the playlists for a resumed encode. */
  frameRate: number;
  /** Writes the top-level manifests into outputDir and returns them, master last. */
  manifests: (renditions: readonly PublishedRendition[], final: boolean) => Promise<PublishFile[]>;
  signal?: AbortSignal;
}

const POLL_MS = 250;

export function createLivePublisher(opts: LivePublisherOptions) {
  const { work, protocol, plan } = opts;
  const renditions: PublishedRendition[] = plan.renditions.map((r) => ({
    rendition: r,
    layout: renditionLayout(plan.format, r.name),
    segments: (work.checkpoint.renditions[r.name]?.durations ?? []).map((duration, i) => ({
      uri: path.posix.basename(renditionLayout(plan.format, r.name).segmentPattern).replace('%04d', pad(i)),
      duration,
    })),
    output: null,
    describing: null,
  }));
  let masterPublished = false;
  /** Resolves true once the master is published (the video is playable), false if publishing stopped first. */
  let settlePlayable: (published: boolean) => void = () => undefined;
  const playable = new Promise<boolean>((resolve) => (settlePlayable = resolve));
  let loop: Promise<void> | null = null;
  let stopped = false;
  const pause = createWakeableSleep();
  /** Set the moment the encode is stopped: ffmpeg then flushes a cut-short segment, never to be published. */
  let halted = false;
  /** Set once ffmpeg exited successfully: its last, shorter segment is final. */
  let ended = false;
  // A complete segment spans the grid step, give or take a frame; a shorter one is only final at the end.
  const complete = plan.segmentDuration - 1.5 / (opts.frameRate > 0 ? opts.frameRate : 30);

  const playlistText = (p: PublishedRendition, type: LivePlaylistType): string =>
    buildMediaPlaylist({
      type,
      segmentDuration: plan.segmentDuration,
      frameRate: opts.frameRate,
      initUri: p.layout.initFile,
      segments: p.segments,
    });

  /**
   * This run's finished segments of one rendition, from ffmpeg's scratch playlist. A stopping ffmpeg
   * (SIGTERM on abort or timeout) still writes its trailer: the segment it was on, cut short, as the last
   * entry. So nothing is taken once halted, and a short last entry waits for a successor or a good end.
   */
  async function finished(p: PublishedRendition): Promise<MediaPlaylistSegment[]> {
    const text = await readFile(path.join(opts.outputDir, p.layout.playlist), 'utf8').catch(() => '');
    if (halted) return [];
    const listed = parseMediaPlaylist(text).segments.filter((s) => s.duration > 0);
    const last = listed.at(-1);
    return !ended && last && last.duration < complete ? listed.slice(0, -1) : listed;
  }

  function scratchPath(p: PublishedRendition, uri: string): string {
    return path.join(opts.outputDir, p.layout.segmentDir, uri);
  }

  /**
   * The reads of the renditions' first segments run one after another: they all become due at the same
   * moment, and each is an ffprobe beside the ladder encode (in parallel, 6 renditions cost ~240 MiB).
   */
  let describeChain: Promise<unknown> = Promise.resolve();

  function describe(p: PublishedRendition, first: MediaPlaylistSegment): void {
    const segment = scratchPath(p, first.uri);
    const init = p.layout.initFile && path.join(opts.outputDir, p.layout.segmentDir, p.layout.initFile);
    const input = init ? `concat:${init}|${segment}` : segment;
    p.describing = describeChain
      .catch(() => undefined)
      // H.264 CMAF: read from init.mp4 directly (no ffprobe while the encode saturates the CPU).
      .then(
        async () =>
          (init && (await describeInitFile(init))) || describeOutput(input, { signal: opts.signal }),
      )
      .then((output) => {
        p.output = output;
      });
    describeChain = p.describing;
    p.describing.catch(() => undefined); // awaited (and thrown) before the master is written
  }

  /** Publishes the rendition's new segments and its playlist; false when there was nothing new. */
  async function publishRendition(p: PublishedRendition): Promise<boolean> {
    const listed = await finished(p);
    if (listed[0] && !p.describing) describe(p, listed[0]);
    const fresh: MediaPlaylistSegment[] = [];
    for (const s of listed) {
      const n = segmentNumber(s.uri);
      const next = p.segments.length + fresh.length;
      if (n !== null && n < next) continue; // published by an earlier attempt: keep that one
      if (n !== next)
        throw new MediaError('invalid_output', `${p.rendition.name}: segment ${s.uri} is out of order`);
      fresh.push(s);
    }
    if (fresh.length === 0) return false;
    const rel = (name: string) => path.posix.join(p.layout.segmentDir, name);
    const files: PublishFile[] = fresh.map((s) => ({
      relativePath: rel(s.uri),
      absolutePath: scratchPath(p, s.uri),
    }));
    // A new rendition's init segment goes first; a resumed one keeps the init.mp4 already published.
    if (p.layout.initFile && p.segments.length === 0)
      files.unshift({
        relativePath: rel(p.layout.initFile),
        absolutePath: scratchPath(p, p.layout.initFile),
      });
    await protocol.publishFiles(work, files);
    p.segments.push(...fresh);
    await protocol.publishText(work, p.layout.playlist, playlistText(p, 'event'));
    return true;
  }

  async function poll(): Promise<void> {
    await Promise.all(renditions.map((p) => publishRendition(p)));
    if (halted) return;
    if (!masterPublished && renditions.every((p) => p.segments.length > 0 && p.describing)) {
      await Promise.all(renditions.map((p) => p.describing));
      await protocol.publishFiles(work, await opts.manifests(renditions, false));
      masterPublished = true;
      settlePlayable(true);
    }
  }

  async function run(onError: (err: unknown) => void): Promise<void> {
    try {
      while (!stopped) {
        await poll();
        await pause.sleep(POLL_MS);
      }
    } catch (err) {
      onError(err);
      throw err;
    }
  }

  async function stop(): Promise<void> {
    stopped = true;
    pause.wake();
    await loop;
  }

  return {
    renditions: renditions as readonly PublishedRendition[],
    /** True once the master playlist is published (first segments of every rendition); false if stopped before. */
    playable,
    /** Starts publishing in the background; a publishing failure calls onError (stop the encode). */
    start(onError: (err: unknown) => void): void {
      loop ??= run(onError);
      loop.catch(() => undefined); // reported through onError and again by stop()
    },
    /** After ffmpeg exited: stops the loop and publishes what is left (still as EVENT). */
    async drain(): Promise<void> {
      await stop();
      ended = true;
      try {
        await poll();
      } finally {
        settlePlayable(masterPublished);
      }
      const empty = renditions.find((p) => p.segments.length === 0);
      if (empty) throw new MediaError('invalid_output', `${empty.rendition.name}: no segment was produced`);
    },
    /** At once, synchronously: the encode is being stopped, publish nothing more. */
    halt(): void {
      halted = true;
    },
    /** Stops publishing (the encode failed or was aborted); what was published stays the checkpoint. */
    stop: () =>
      stop()
        .catch(() => undefined)
        .finally(() => settlePlayable(masterPublished)),
    /** The end: every playlist becomes VOD, then the final manifests (master last). */
    async finalize(): Promise<void> {
      await Promise.all(renditions.map((p) => p.describing));
      // The playlists are independent files: sent together (each is its own atomic replace).
      await Promise.all(
        renditions.map((p) => protocol.publishText(work, p.layout.playlist, playlistText(p, 'vod'))),
      );
      await protocol.publishFiles(work, await opts.manifests(renditions, true));
    },
  };
}

export type LivePublisher = ReturnType<typeof createLivePublisher>;

function pad(n: number): string {
  return String(n).padStart(4, '0');
}
