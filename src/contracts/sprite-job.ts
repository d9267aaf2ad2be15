/**
 * A sprite sheet job as the server hands it to a worker and the result the worker reports. The server's
 * queue (src/domain/sprites) produces these and the worker (src/worker) consumes them; neither imports
 * the other.
 */
export interface SpriteJob {
  jobId: number;
  videoId: number;
  slug: string;
  /** Seconds, as stored on the video. */
  duration: number;
}

/** What a finished sprite job made (recorded on the video's sprite_sheet_* columns). */
export interface SpriteResult {
  count: number;
  interval: number;
  tileSize: number;
  frameWidth: number;
  frameHeight: number;
}
