import { constants } from 'node:fs';
import { access } from 'node:fs/promises';

/**
 * Whether `dir` is readable, probed at most once per `ttlMs` (api-public.md §4.6: a cached 5 s probe)
 * and given up after `timeoutMs` (a hung network mount counts as unavailable).
 */
export function createStorageProbe(dir: string, options: { ttlMs?: number; timeoutMs: number }) {
  const ttlMs = options.ttlMs ?? 5000;
  let last: { at: number; ok: Promise<boolean> } | null = null;
  const probe = () =>
    Promise.race([
      access(dir, constants.R_OK).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), options.timeoutMs).unref()),
    ]);
  return (): Promise<boolean> => {
    const now = Date.now();
    if (!last || now - last.at >= ttlMs) last = { at: now, ok: probe() };
    return last.ok;
  };
}
