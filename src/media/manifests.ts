import { join } from 'node:path';
import { buildDashManifest, type DashRepresentation } from './dash-manifest.js';
import { writeFileAtomic } from './fs-atomic.js';
import { CMAF_INIT_FILENAME, renditionLayout } from './hls-layout.js';
import type { StreamingFormat } from './ladder.js';
import { buildMasterPlaylist, type MasterVariant } from './master-playlist.js';
import { ORIGINAL_NAME, ORIGINAL_PLAYLIST, type OriginalVariant } from './original-remux.js';
import type { RenditionResult } from './transcode-ladder.js';

/**
 * One call for a video's top-level manifests: `master.m3u8` (HLS, spec §8.1/§8.2) and, for CMAF with DASH
 * enabled, `manifest.mpd` (§8.3). Both are written atomically, so a player never reads half a manifest.
 *
 * `original` (the MPEG-TS stream copy) is listed first in HLS/TS masters only. A CMAF master leaves it out:
 * mixing an MPEG-TS variant into an fMP4 ladder, often with another codec, makes MSE players (hls.js) switch
 * container and codec mid-stream, which is not reliable. Its files still exist for direct use.
 */

export type { OriginalVariant } from './original-remux.js';

export const MASTER_PLAYLIST = 'master.m3u8';
export const DASH_MANIFEST = 'manifest.mpd';

export interface WriteManifestsOptions {
  format: StreamingFormat;
  outputDir: string;
  renditions: readonly RenditionResult[];
  /** The remuxed source, or null/absent when it was skipped. */
  original?: OriginalVariant | null;
  /** Seconds: the DASH presentation duration. */
  durationSeconds: number;
  segmentDuration: number;
  /** streaming.enable_dash; only CMAF videos get a DASH manifest. */
  enableDash: boolean;
}

export interface WrittenManifests {
  masterPath: string;
  /** null when no DASH manifest was written. */
  dashPath: string | null;
}

function renditionVariant(format: StreamingFormat, r: RenditionResult): MasterVariant {
  return {
    name: r.name,
    width: r.width,
    height: r.height,
    bandwidthBps: r.bitrateKbps * 1000,
    codecs: r.codecs,
    uri: renditionLayout(format, r.name).playlist,
  };
}

function dashRepresentation(r: RenditionResult): DashRepresentation {
  const layout = renditionLayout('cmaf', r.name);
  return {
    id: r.name,
    bandwidth: r.bitrateKbps * 1000,
    width: r.width,
    height: r.height,
    codecs: r.codecs,
    initUri: `${layout.segmentDir}/${CMAF_INIT_FILENAME}`,
    mediaTemplate: layout.segmentPattern.replace('%04d', '$Number%04d$'),
  };
}

export async function writeManifests(opts: WriteManifestsOptions): Promise<WrittenManifests> {
  if (opts.renditions.length === 0) throw new RangeError('no renditions to list in the manifests');
  const original: MasterVariant | null =
    opts.format === 'hls_ts' && opts.original
      ? { ...opts.original, name: ORIGINAL_NAME, uri: ORIGINAL_PLAYLIST }
      : null;
  const master = buildMasterPlaylist({
    format: opts.format,
    variants: opts.renditions.map((r) => renditionVariant(opts.format, r)),
    first: original,
  });
  const masterPath = join(opts.outputDir, MASTER_PLAYLIST);
  let dashPath: string | null = null;
  if (opts.format === 'cmaf' && opts.enableDash) {
    dashPath = join(opts.outputDir, DASH_MANIFEST);
    const mpd = buildDashManifest({
      durationSeconds: opts.durationSeconds,
      segmentDuration: opts.segmentDuration,
      representations: opts.renditions.map(dashRepresentation),
    });
    await writeFileAtomic(dashPath, mpd);
  }
  // The master last: once it exists, everything it leads to does too.
  await writeFileAtomic(masterPath, master);
  return { masterPath, dashPath };
}
