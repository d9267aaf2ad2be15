const HMS = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/;
const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;

/**
 * A shared link's start time (`?t=`) in seconds: `90`, `90.5`, `1m30s`, `1h2m3s` or `1:30` / `1:02:03`.
 * null for anything else, so a malformed value starts at the beginning instead of guessing.
 */
export function parseStartTime(raw: string | null): number | null {
  const text = raw?.trim().toLowerCase() ?? '';
  if (!text) return null;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const hms = HMS.exec(text);
  if (hms && (hms[1] || hms[2] || hms[3])) {
    return Number(hms[1] ?? 0) * 3600 + Number(hms[2] ?? 0) * 60 + Number(hms[3] ?? 0);
  }
  const clock = CLOCK.exec(text);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  return null;
}
