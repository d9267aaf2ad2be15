// The ffmpeg / ffprobe processes a test process runs, read from Linux /proc: which ran with which
// arguments, and freezing a ladder encode mid-way (SIGSTOP) so a crash or a delete lands mid-encode.
import { readdir, readFile } from 'node:fs/promises';
import { parseMediaPlaylist } from '../../src/media/output-validation.js';
import { waitFor } from './wait.js';

/** The ffmpeg/ffprobe processes this test process runs (Linux /proc), with their arguments. */
export async function childProcesses(): Promise<{ pid: number; args: string[] }[]> {
  const found: { pid: number; args: string[] }[] = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    if (Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1]) !== process.pid) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (/ff(mpeg|probe)$/.test(args[0] ?? '')) found.push({ pid: Number(entry), args });
  }
  return found;
}

/** The running ladder encodes (one ffmpeg for all renditions). */
export const ladderProcesses = async () =>
  (await childProcesses()).filter((p) => p.args.includes('-filter_complex'));

export const flag = (args: string[], name: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null;

/** Samples child processes until stopped; returns the arguments of each one seen. */
export function watchChildren(): () => Promise<string[][]> {
  const seen = new Map<number, string[]>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      for (const p of await childProcesses()) seen.set(p.pid, p.args);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return [...seen.values()];
  };
}

/**
 * Freezes (SIGSTOP) the running ladder once every rendition has written a segment, and returns its pid
 * and per-rendition segment counts: a crash or a delete then lands mid-encode however fast the machine is.
 * The caller resumes it with SIGCONT.
 */
export async function freezeLadderAfterFirstSegments(): Promise<{ pid: number; counts: number[] }> {
  const count = async (playlists: string[]) =>
    Promise.all(
      playlists.map(
        async (f) => parseMediaPlaylist(await readFile(f, 'utf8').catch(() => '')).segments.length,
      ),
    );
  return waitFor(
    async () => {
      const [ladder] = await ladderProcesses();
      if (!ladder) return undefined;
      const playlists = ladder.args.filter((a) => a.endsWith('.m3u8'));
      const counts = await count(playlists);
      if (counts.length === 0 || !counts.every((n) => n >= 1)) return undefined;
      process.kill(ladder.pid, 'SIGSTOP');
      return { pid: ladder.pid, counts: await count(playlists) };
    },
    { timeoutMs: 60_000, intervalMs: 10, what: 'the first segments of every rendition' },
  );
}
