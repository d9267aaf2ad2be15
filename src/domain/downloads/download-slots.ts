/**
 * Concurrent downloads per client IP (api-public.md §4.6, `downloads.max_concurrent`), in this process.
 * `acquire` hands out a release function that frees the slot once, however often it is called: the
 * route calls it when the response ends, is aborted or fails.
 */
export function createDownloadSlots() {
  const open = new Map<string, number>();
  return {
    acquire(ip: string, max: number): (() => void) | null {
      const used = open.get(ip) ?? 0;
      if (used >= max) return null;
      open.set(ip, used + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(ip) ?? 1) - 1;
        if (left > 0) open.set(ip, left);
        else open.delete(ip);
      };
    },
    /** Downloads in progress for `ip` (for tests and diagnostics). */
    inUse: (ip: string): number => open.get(ip) ?? 0,
  };
}

export type DownloadSlots = ReturnType<typeof createDownloadSlots>;
