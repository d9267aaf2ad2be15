/**
 * The one error type of the media layer. `code` is stable (callers branch on it, e.g. probe failures are
 * permanent while timeouts may be retried); `message` is written for a human reading the admin UI.
 */
export type MediaErrorCode =
  | 'not_a_video'
  | 'no_video_stream'
  | 'invalid_duration'
  | 'ffmpeg_failed'
  | 'invalid_output'
  | 'timeout'
  | 'aborted';

export class MediaError extends Error {
  override readonly name = 'MediaError';

  constructor(
    readonly code: MediaErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isMediaError(err: unknown): err is MediaError {
  return err instanceof MediaError;
}
