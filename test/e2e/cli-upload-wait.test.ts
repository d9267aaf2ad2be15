// `vlog upload FILE --wait` (issue 11): the compiled CLI, as users run it, uploads to a real `vlog serve`
// whose local worker transcodes, and follows the transcode over the admin API's progress stream.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getClip } from '../helpers/media-clips.js';
import { useScoped } from '../helpers/scoped-resource.js';
import { startServerProcess } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'cli-wait-admin-secret-0123456789';

interface CliRun {
  code: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  signal: (s: NodeJS.Signals) => void;
}

describe('vlog upload --wait', () => {
  const server = useScoped(
    'server process',
    () =>
      startServerProcess({
        VLOG_ADMIN_API_SECRET: SECRET,
        VLOG_HLS_SEGMENT_DURATION: '2',
        VLOG_PROGRESS_UPDATE_INTERVAL: '0.2',
      }),
    (s) => s.stop(),
    90_000,
  );

  function cli(args: string[]): CliRun {
    let out = '';
    let err = '';
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/vlog.js'), ...args], {
      env: {
        ...process.env,
        VLOG_ADMIN_API_URL: server.adminUrl,
        VLOG_ADMIN_API_SECRET: SECRET,
        VLOG_DATA_DIR: server.dataDir,
        VLOG_DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    return {
      code: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
      stdout: () => out,
      stderr: () => err,
      signal: (s) => child.kill(s),
    };
  }

  const video = async (id: number) =>
    (await (
      await fetch(`${server.adminUrl}/api/videos/${id}`, { headers: { 'X-Admin-Secret': SECRET } })
    ).json()) as { status: string; error_message: string | null };
  const videoId = (stdout: string) => Number(/^ID: (\d+)$/m.exec(stdout)?.[1]);
  const progressLines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('Transcoding: '));

  it('follows the transcode with progress lines and exits 0 once the video is ready', async () => {
    const run = cli(['upload', await getClip('landscape480x5s'), '-t', 'Waited For', '--wait']);
    const code = await run.code;
    expect(run.stderr()).not.toMatch(/Error:/);
    expect(code).toBe(0);
    const id = videoId(run.stdout());
    expect(id).toBeGreaterThan(0);
    const lines = progressLines(run.stdout());
    // Not a TTY (a pipe): plain lines, one per step/quality change and per 10 %, ending at 100 %.
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(/^Transcoding: \d{1,3}% \| \S/);
    expect(lines.at(-1)).toMatch(/^Transcoding: 100% /);
    expect(run.stdout()).toContain(`Transcoding complete: video ${id} is ready.`);
    expect((await video(id)).status).toBe('ready');
  });

  it('exits 1 with the error message when the transcode fails', async () => {
    const run = cli(['upload', await getClip('notAVideo'), '--wait']);
    expect(await run.code).toBe(1);
    const id = videoId(run.stdout());
    const failed = await video(id);
    expect(failed.status).toBe('failed');
    expect(run.stderr()).toContain(`Error: Transcoding failed: ${failed.error_message}`);
    expect(run.stderr()).toMatch(/not a playable video/i);
  });

  it('Ctrl-C stops following (exit 130) without cancelling the job', async () => {
    const run = cli(['upload', await getClip('landscape720x8s'), '--wait']);
    await waitFor(async () => (progressLines(run.stdout()).length > 0 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the first progress line',
    });
    run.signal('SIGINT');
    expect(await run.code).toBe(130);
    const id = videoId(run.stdout());
    expect(run.stdout()).toContain(`Stopped following. Video ${id} keeps processing on the server`);
    expect(run.stdout()).not.toContain('Transcoding complete');
    await waitFor(async () => ((await video(id)).status === 'ready' ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 500,
      what: 'the video to be ready after the CLI stopped following',
    });
  });
});
