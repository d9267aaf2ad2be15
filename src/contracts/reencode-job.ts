import type { QualityName } from '../media/ladder.js';
import type { OriginalVariant } from '../media/original-remux.js';

/**
 * A re-encode job as the server hands it to a worker, and what the worker sends back. The server's queue
 * (src/domain/reencode) produces these and the worker (src/worker) consumes them; neither imports the
 * other.
 */
export const TARGET_FORMATS = ['hls_ts', 'cmaf'] as const;
export type TargetFormat = (typeof TARGET_FORMATS)[number];
export const TARGET_CODECS = ['h264', 'hevc', 'av1'] as const;
export type TargetCodec = (typeof TARGET_CODECS)[number];

export interface ReencodeJob {
  jobId: number;
  videoId: number;
  slug: string;
  format: TargetFormat;
  codec: TargetCodec;
  /** 1-based attempt number of this run. */
  attempt: number;
  maxAttempts: number;
}

/** One rendition a re-encode produced. */
export interface ProducedQuality {
  name: QualityName;
  width: number;
  height: number;
  bitrateKbps: number;
}

/** What the live directory keeps through a re-encode (the encode does not produce it again). */
export interface KeptFiles {
  /** The original remux's master entry, when the live master lists it. */
  original: OriginalVariant | null;
  /** The live thumbnail (possibly custom) is carried over; the worker makes one only when false. */
  thumbnail: boolean;
}

export interface ReencodeResult {
  qualities: ProducedQuality[];
  /** The new master lists the original remux (made with KeptFiles.original): carry its files. */
  keepOriginal: boolean;
}
