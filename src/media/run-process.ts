import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tiedToParent } from './tied-child.js';
import { MediaError } from './media-error.js';

/**
 * Spawns one external tool (ffmpeg, ffprobe) with a timeout and an AbortSignal. The promise settles only
 * after the child has exited, so a rejected run never leaves an orphan process behind.
 */
export interface RunProcessOptions {
  /** Called for each complete stdout line (used for `-progress pipe:1`). */
  onStdoutLine?: (line: string) => void;
  /** Keep the whole stdout (ffprobe JSON); capped at `maxStdoutBytes`. */
  collectStdout?: boolean;
  maxStdoutBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Used in error messages, e.g. "ffmpeg" or "ffprobe". */
  label?: string;
  /** How many stderr lines to keep for error messages. */
  stderrLines?: number;
  /** Delay between SIGTERM and SIGKILL. */
  killGraceMs?: number;
}

export interface ProcessResult {
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  stdout: string;
  stderrTail: string[];
}

const DEFAULT_MAX_STDOUT = 16 * 1024 * 1024;
const DEFAULT_STDERR_LINES = 20;
const DEFAULT_KILL_GRACE_MS = 1500;

/** Splits a text stream into lines, keeping the unfinished tail for the next chunk. */
export function createLineSplitter(onLine: (line: string) => void): {
  push(chunk: string): void;
  end(): void;
} {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const lines = pending.split(/\r?\n|\r/);
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}

function keepTail(tail: string[], max: number): (line: string) => void {
  return (line) => {
    if (line.trim() === '') return;
    tail.push(line);
    if (tail.length > max) tail.shift();
  };
}

function killWithGrace(child: ChildProcess, graceMs: number): NodeJS.Timeout {
  child.kill('SIGTERM');
  return setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, graceMs);
}

/** Arms the timeout and the abort signal; either one kills the child and records why. */
function armStop(
  child: ChildProcess,
  opts: RunProcessOptions,
  label: string,
): { reason: () => MediaError | undefined; dispose: () => void } {
  let reason: MediaError | undefined;
  const timers: NodeJS.Timeout[] = [];
  const started = Date.now();
  const stop = (why: MediaError): void => {
    if (reason) return;
    reason = why;
    timers.push(killWithGrace(child, opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS));
  };
  const onAbort = (): void => stop(new MediaError('aborted', `${label} was cancelled`));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const limit = opts.timeoutMs;
  if (limit !== undefined) {
    timers.push(
      setTimeout(() => {
        const elapsed = Math.round((Date.now() - started) / 1000);
        stop(
          new MediaError(
            'timeout',
            `${label} timed out after ${elapsed}s (limit: ${Math.round(limit / 1000)}s)`,
          ),
        );
      }, limit),
    );
  }
  return {
    reason: () => reason,
    dispose: () => {
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Media work runs at a lower CPU priority (nice 10) than the server and the worker process: a page or an
 * API call stays quick while ffmpeg saturates the cores, and the worker's own upload of finished segments
 * keeps pace with the encode instead of piling up until ffmpeg ends. Without `nice` it runs unchanged.
 */
const MEDIA_NICENESS = '10';
const NICE_PATHS = ['/usr/bin/nice', '/bin/nice'];
let nice: string | null | undefined;

/** `tied` lowered by `nice`, when tiedToParent wrapped it (it found the binary) and nice exists. */
function atLowPriority(binary: string, tied: { command: string; args: string[] }) {
  nice ??= NICE_PATHS.find((file) => existsSync(file)) ?? null;
  // An unwrapped command may be missing: spawning it must still fail with ENOENT, not inside nice.
  if (!nice || tied.command === binary) return tied;
  return { command: nice, args: ['-n', MEDIA_NICENESS, tied.command, ...tied.args] };
}

export function runProcess(
  binary: string,
  args: readonly string[],
  opts: RunProcessOptions = {},
): Promise<ProcessResult> {
  const label = opts.label ?? binary;
  if (opts.signal?.aborted) return Promise.reject(new MediaError('aborted', `${label} was cancelled`));

  return new Promise<ProcessResult>((resolve, reject) => {
    // Tied to this process: a crash of the worker must not leave an orphaned ffmpeg encoding on.
    const tied = atLowPriority(binary, tiedToParent(binary, args));
    const child = spawn(tied.command, tied.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stopper = armStop(child, opts, label);
    const stderrTail: string[] = [];
    const stdoutChunks: string[] = [];
    let stdoutBytes = 0;
    let spawnError: Error | undefined;
    let settled = false;

    const out = createLineSplitter((line) => opts.onStdoutLine?.(line));
    const err = createLineSplitter(keepTail(stderrTail, opts.stderrLines ?? DEFAULT_STDERR_LINES));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (opts.collectStdout && stdoutBytes < (opts.maxStdoutBytes ?? DEFAULT_MAX_STDOUT)) {
        stdoutChunks.push(chunk);
        stdoutBytes += chunk.length;
      }
      if (opts.onStdoutLine) out.push(chunk);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));

    const finish = (exitCode: number | null, exitSignal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      stopper.dispose();
      out.end();
      err.end();
      const reason = stopper.reason();
      if (spawnError)
        return reject(
          new MediaError('ffmpeg_failed', `${label} could not be started: ${spawnError.message}`),
        );
      if (reason) return reject(reason);
      resolve({ exitCode, exitSignal, stdout: stdoutChunks.join(''), stderrTail });
    };
    child.on('error', (e) => {
      // Only a child that never started lacks a pid; it emits no reliable 'close', so settle here.
      if (child.pid !== undefined) return;
      spawnError = e;
      finish(null, null);
    });
    child.on('exit', (exitCode, exitSignal) => {
      // After a kill, do not wait for the pipes: a grandchild could hold them open.
      if (!stopper.reason()) return;
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(exitCode, exitSignal);
    });
    child.on('close', finish);
  });
}
