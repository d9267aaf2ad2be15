/**
 * Public responses never leak internals (paths, stack traces, SQL): api-public.md §2.
 * Our own media errors are already written for people, so short ones pass through.
 */
export function sanitizeError(message: string | null | undefined, summaryMax = 100): string | null {
  if (!message) return null;
  const m = message.toLowerCase();
  if (/traceback|stack|\bat \w+ \(|sql|relation |syntax error|database|postgres/.test(m))
    return 'A database or server error occurred while processing this video.';
  if (message.includes('/') || message.includes('\\')) {
    if (m.includes('ffprobe'))
      return 'Could not read video file. The file may be damaged or in an unsupported format.';
    if (m.includes('ffmpeg') || m.includes('transcod'))
      return 'Video transcoding failed. Please try re-uploading the video.';
    return 'Video processing failed.';
  }
  return message.length <= Math.max(summaryMax, 200) ? message : `${message.slice(0, summaryMax)}…`;
}

export function sanitizeProgressError(message: string | null | undefined): string | null {
  if (!message) return null;
  const m = message.toLowerCase();
  if (m.includes('timeout') || m.includes('timed out')) return 'Processing timed out';
  if (m.includes('all') && m.includes('failed')) return 'All quality variants failed to process';
  if (m.includes('max') && m.includes('exceeded')) return 'Maximum retry attempts exceeded';
  if (m.includes('retry') || m.includes('attempt')) return 'Processing failed, retrying...';
  return sanitizeError(message);
}
