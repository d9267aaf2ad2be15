/**
 * What a transcoding worker needs from the server. The local worker implements it in-process
 * (src/worker/in-process-protocol.ts); remote workers implement it over the worker API. The job
 * handler only sees this interface, so both run the very same code.
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
  /** Makes the finished output directory live as videos/{slug}/ (uploaded by remote workers). */
  publishOutput(work: ClaimedWork, outputDir: string): Promise<void>;
  complete(work: ClaimedWork, result: { renditions: ProducedRendition[]; duration: number }): Promise<void>;
  fail(work: ClaimedWork, failure: { error: string; retry: boolean }): Promise<{ willRetry: boolean }>;
  release(work: ClaimedWork): Promise<void>;
}
