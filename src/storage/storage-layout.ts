import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Allowed upload extensions (config.md §5). */
export const VIDEO_EXTENSIONS = ['.mp4', '.mkv', '.webm', '.mov', '.avi'] as const;

/** Inside videos/{slug}/: the sprite sheets' directory and the WebVTT thumbnails track that indexes them. */
export const SPRITES_DIR = 'sprites';
export const SPRITES_VTT = 'sprites.vtt';
/** Inside videos/{slug}/: the captions a completed transcription wrote (WebVTT). */
export const CAPTIONS_VTT = 'captions.vtt';
/** Inside videos/{slug}/: the poster image and the frames offered as thumbnail candidates. */
export const THUMBNAIL_FILE = 'thumbnail.jpg';
export const FRAMES_DIR = 'frames';
/** In uploads/: an upload still arriving, and the storage health probe (both removed at start-up). */
export const INCOMING_PREFIX = '.incoming-';
export const HEALTH_PROBE_PREFIX = '.health_check_';

export interface StorageDirs {
  videosDir: string;
  uploadsDir: string;
  archiveDir: string;
  workDir: string;
}

/**
 * Where every file of a video lives (pipeline.md §2). Callers pass validated slugs and numeric
 * ids; `contained()` guards every derived path against escaping its root anyway.
 */
export class StorageLayout {
  constructor(readonly dirs: StorageDirs) {}

  videoDir(slug: string): string {
    return contained(this.dirs.videosDir, slug);
  }
  archivedVideoDir(slug: string): string {
    return contained(this.dirs.archiveDir, slug);
  }
  uploadFile(videoId: number, ext: string): string {
    return contained(this.dirs.uploadsDir, `${videoId}${ext}`);
  }
  archivedUploadFile(videoId: number, ext: string): string {
    return contained(path.join(this.dirs.archiveDir, 'uploads'), `${videoId}${ext}`);
  }
  jobWorkDir(jobId: number): string {
    return contained(this.dirs.workDir, String(jobId));
  }
  thumbnailFile(slug: string): string {
    return path.join(this.videoDir(slug), THUMBNAIL_FILE);
  }
  framesDir(slug: string): string {
    return path.join(this.videoDir(slug), FRAMES_DIR);
  }
  /** A new upload's temporary name in uploads/ (`tag`: random hex) until it is accepted and renamed. */
  incomingUploadFile(tag: string, ext: string): string {
    return contained(this.dirs.uploadsDir, `${INCOMING_PREFIX}${tag}${ext}`);
  }
  healthProbeFile(tag: string): string {
    return contained(this.dirs.uploadsDir, `${HEALTH_PROBE_PREFIX}${tag}`);
  }
  /** Where a re-upload parks the video's previous files until the new ones are in (upload-leftovers.ts). */
  replacedVideoDir(slug: string, tag: string): string {
    return contained(this.dirs.videosDir, `.${slug}.replaced-${tag}`);
  }
  replacedUploadFile(videoId: number, tag: string, ext: string): string {
    return contained(this.dirs.uploadsDir, `.${videoId}.replaced-${tag}${ext}`);
  }

  async ensureDirs(): Promise<void> {
    for (const dir of [
      this.dirs.videosDir,
      this.dirs.uploadsDir,
      path.join(this.dirs.archiveDir, 'uploads'),
      this.dirs.workDir,
    ]) {
      await mkdir(dir, { recursive: true });
    }
  }
}

/** Joins `name` under `root`, refusing anything that would resolve outside it. */
export function contained(root: string, name: string): string {
  const full = path.resolve(root, name);
  if (full !== root && !full.startsWith(root + path.sep))
    throw new Error(`Path escapes storage root: ${name}`);
  return full;
}
