import { describe, expect, it } from 'vitest';
import { MediaError } from './media-error.js';
import { parseProgressLine, runFfmpeg } from './run-ffmpeg.js';
import { createLineSplitter, runProcess } from './run-process.js';

describe('parseProgressLine', () => {
  it('reads out_time_us and out_time_ms as microseconds', () => {
    expect(parseProgressLine('out_time_us=2005333')).toBeCloseTo(2.005333);
    expect(parseProgressLine('out_time_ms=1500000')).toBe(1.5);
  });

  it('ignores other keys and unknown values', () => {
    expect(parseProgressLine('frame=60')).toBeNull();
    expect(parseProgressLine('out_time_us=N/A')).toBeNull();
    expect(parseProgressLine('out_time=00:00:02.005333')).toBeNull();
    expect(parseProgressLine('progress=end')).toBeNull();
    expect(parseProgressLine('garbage')).toBeNull();
  });
});

describe('createLineSplitter', () => {
  it('joins lines split across chunks', () => {
    const lines: string[] = [];
    const s = createLineSplitter((l) => lines.push(l));
    s.push('a=1\nb=');
    s.push('2\r\nc');
    s.end();
    expect(lines).toEqual(['a=1', 'b=2', 'c']);
  });
});

describe('runProcess / runFfmpeg (with small shell commands)', () => {
  it('reports progress from stdout and resolves on success', async () => {
    const seen: number[] = [];
    await runFfmpeg(
      ['-c', 'printf "out_time_us=500000\\nout_time_us=500000\\nout_time_ms=1000000\\nprogress=end\\n"'],
      {
        binary: 'sh',
        onProgress: (s) => seen.push(s),
      },
    );
    expect(seen).toEqual([0.5, 1]);
  });

  it('rejects with the last stderr lines on a non-zero exit', async () => {
    const run = runFfmpeg(['-c', 'for i in $(seq 1 30); do echo "line $i" >&2; done; exit 3'], {
      binary: 'sh',
      description: 'Test encode',
    });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe('ffmpeg_failed');
    expect((err as MediaError).message).toMatch(/^Test encode exited with code 3:\nline 11\n/);
    expect((err as MediaError).message).toMatch(/line 30$/);
    expect((err as MediaError).message).not.toMatch(/line 10\n/);
  });

  it('times out and kills the child', async () => {
    const started = Date.now();
    const err = await runProcess('sleep', ['10'], { timeoutMs: 200, label: 'sleep' }).catch(
      (e: unknown) => e,
    );
    expect((err as MediaError).code).toBe('timeout');
    expect((err as MediaError).message).toMatch(/^sleep timed out after \d+s \(limit: 0s\)$/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('escalates to SIGKILL when the child ignores SIGTERM', async () => {
    const controller = new AbortController();
    const run = runProcess('sh', ['-c', 'trap "" TERM; while :; do sleep 0.05; done'], {
      signal: controller.signal,
      killGraceMs: 200,
    });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const err = await run.catch((e: unknown) => e);
    expect((err as MediaError).code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses to start when already aborted, and reports a missing binary', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runFfmpeg([], { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    await expect(runFfmpeg([], { binary: '/nonexistent/ffmpeg' })).rejects.toMatchObject({
      code: 'ffmpeg_failed',
      message: expect.stringMatching(/could not be started/),
    });
  });
});
