import { MediaError } from './media-error.js';
import { runProcess } from './run-process.js';

/** The one ffmpeg runner: progress from `-progress pipe:1`, typed errors, no orphan processes. */
export interface RunFfmpegOptions {
  /** Seconds of output written so far; called only when the value increases. */
  onProgress?: (seconds: number) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  binary?: string;
  /** Describes the work in error messages, e.g. "Transcoding 1080p ladder". Defaults to "ffmpeg". */
  description?: string;
}

/**
 * Parses one `key=value` line of `-progress` output and returns the output time in seconds, or null.
 * Both `out_time_us` and `out_time_ms` are microseconds (the latter is misnamed in ffmpeg).
 */
export function parseProgressLine(line: string): number | null {
  const eq = line.indexOf('=');
  if (eq < 0) return null;
  const key = line.slice(0, eq).trim();
  if (key !== 'out_time_us' && key !== 'out_time_ms') return null;
  const value = Number(line.slice(eq + 1).trim());
  if (!Number.isFinite(value) || value < 0) return null;
  return value / 1_000_000;
}

function progressReporter(onProgress: ((seconds: number) => void) | undefined): (line: string) => void {
  let last = -1;
  return (line) => {
    const seconds = parseProgressLine(line);
    if (seconds === null || seconds <= last) return;
    last = seconds;
    onProgress?.(seconds);
  };
}

export async function runFfmpeg(args: readonly string[], opts: RunFfmpegOptions = {}): Promise<void> {
  const description = opts.description ?? 'ffmpeg';
  const result = await runProcess(opts.binary ?? 'ffmpeg', args, {
    onStdoutLine: progressReporter(opts.onProgress),
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    label: description,
  });
  if (result.exitCode === 0) return;
  const how =
    result.exitCode === null
      ? `was killed by ${result.exitSignal ?? 'a signal'}`
      : `exited with code ${result.exitCode}`;
  const detail = result.stderrTail.length > 0 ? `:\n${result.stderrTail.join('\n')}` : '';
  throw new MediaError('ffmpeg_failed', `${description} ${how}${detail}`);
}
