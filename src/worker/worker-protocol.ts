/**
 * What a transcoding worker needs from the server, implemented over the worker API
 * (src/worker/remote/http-protocol.ts) for every worker, the server's own local one included. The job
 * handler only sees this interface.
 */
export type OutputFormat = 'cmaf' | 'hls_ts';
export type OutputCodec = 'h264' | 'hevc' | 'av1';

/** Narrows the stored values; anything unexpected falls back to the defaults (cmaf, h264). */
export const toFormat = (value: string): OutputFormat => (value === 'hls_ts' ? 'hls_ts' : 'cmaf');
export const toCodec = (value: string): OutputCodec => (value === 'hevc' || value === 'av1' ? value : 'h264');

export interface ClaimedWork {
  jobId: number;
  videoId: number;
  slug: string;
  format: OutputFormat;
  codec: OutputCodec;
  attemptNumber: number;
  maxAttempts: number;
  /** What earlier attempts published; a fresh job has EMPTY_CHECKPOINT. */
  checkpoint: Checkpoint;
}

/**
 * The checkpoint of a job is what its earlier attempts published (after a crash, a lease expiry or a
 * release): a resumed attempt keeps it untouched and continues after it. The server derives it from the
 * published files and the job's quality_progress rows; remote workers get it in the claim response.
 */
export interface Checkpoint {
  /** How the published segments were encoded (a resumed encode must match); null when none were. */
  encode: { segmentDuration: number; frameRate: number } | null;
  /** Source facts recorded by an earlier attempt's probe; when set, the worker does not probe again. */
  source: { duration: number; width: number; height: number } | null;
  /** thumbnail.jpg was published by an earlier attempt. */
  thumbnail: boolean;
  /** Per rendition: segments 0..segments-1 are published, final, with these #EXTINF durations. */
  renditions: Record<string, RenditionCheckpoint>;
}

export interface RenditionCheckpoint {
  segments: number;
  durations: number[];
}

export const EMPTY_CHECKPOINT: Checkpoint = Object.freeze({
  encode: null,
  source: null,
  thumbnail: false,
  renditions: Object.freeze({}) as Record<string, RenditionCheckpoint>,
});

/** A finished file to publish at videos/{slug}/{relativePath} ('/' separators). */
export interface PublishFile {
  relativePath: string;
  absolutePath: string;
}

export interface QualityState {
  name: string;
  status: 'pending' | 'in_progress' | 'completed' | 'failed' | 'skipped' | 'uploading' | 'uploaded';
  progress: number;
  segmentsCompleted?: number;
  segmentsTotal?: number | null;
}

export interface ProgressReport {
  step:
    'claimed' | 'download' | 'probe' | 'thumbnail' | 'transcode' | 'master_playlist' | 'upload' | 'finalize';
  percent: number;
  qualities?: QualityState[];
  source?: { duration: number; width: number; height: number };
}

export interface ProducedRendition {
  name: string;
  width: number;
  height: number;
  bitrateKbps: number;
}

export interface WorkerProtocol {
  readonly workerId: string;
  claim(): Promise<ClaimedWork | null>;
  progress(work: ClaimedWork, report: ProgressReport): Promise<void>;
  /** A local path to the source file (downloaded for remote workers). */
  fetchSource(work: ClaimedWork, scratchDir: string): Promise<string>;
  /**
   * Makes finished files visible under videos/{slug}/, each atomically (a reader gets the whole file or
   * none), in the given order; an existing file of that name is replaced. Remote workers upload them.
   */
  publishFiles(work: ClaimedWork, files: readonly PublishFile[]): Promise<void>;
  /** The same for a small generated text file (a playlist or a manifest). */
  publishText(work: ClaimedWork, relativePath: string, text: string): Promise<void>;
  complete(work: ClaimedWork, result: { renditions: ProducedRendition[]; duration: number }): Promise<void>;
  fail(work: ClaimedWork, failure: { error: string; retry: boolean }): Promise<{ willRetry: boolean }>;
  release(work: ClaimedWork): Promise<void>;
}
