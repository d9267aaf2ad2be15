/**
 * "Time to first playable": the moment a player could start, i.e. master.m3u8 and every variant playlist
 * it lists answer 200 over HTTP, and each variant lists at least one segment (plus its init segment for
 * fMP4) that answers 200.
 */
import { sleep } from './stats.js';

async function get(url: string, headers: Record<string, string>): Promise<string | null> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
    const body = await res.text();
    return res.status === 200 ? body : null;
  } catch {
    return null;
  }
}

/** Segments are only checked for a 200, so HEAD keeps each poll cheap. */
async function exists(url: string, headers: Record<string, string>): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'HEAD', headers, signal: AbortSignal.timeout(10_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

const uris = (playlist: string): string[] =>
  playlist
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

/** True when a player could start playing `${base}master.m3u8` right now (every variant). */
export async function isPlayable(base: string, headers: Record<string, string>): Promise<boolean> {
  const master = await get(new URL('master.m3u8', base).href, headers);
  if (master === null) return false;
  const variants = uris(master);
  if (variants.length === 0) return false;
  for (const v of variants) {
    const url = new URL(v, base);
    const playlist = await get(url.href, headers);
    if (playlist === null) return false;
    const first = uris(playlist)[0];
    if (first === undefined) return false;
    const init = /#EXT-X-MAP:.*URI="([^"]+)"/.exec(playlist)?.[1];
    if (init !== undefined && !(await exists(new URL(init, url).href, headers))) return false;
    if (!(await exists(new URL(first, url).href, headers))) return false;
  }
  return true;
}

/**
 * Polls isPlayable in the background; stop() returns ms from `t0` to the end of the first successful check
 * (conservative: everything answered 200 by then), or null.
 */
export function watchFirstPlayable(
  base: string,
  headers: Record<string, string>,
  t0: number,
  intervalMs = 100,
): { stop: () => Promise<number | null> } {
  let found: number | null = null;
  let stopped = false;
  const loop = (async () => {
    while (!stopped && found === null) {
      if (await isPlayable(base, headers)) found = performance.now() - t0;
      else await sleep(intervalMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      // The last poll may be up to one interval old: look once more before giving up.
      if (found === null && (await isPlayable(base, headers))) found = performance.now() - t0;
      return found;
    },
  };
}
