import { QUALITY_NAMES } from '../../media/ladder.js';

/** A session is complete once its playhead reached 90 % of the video (api-public.md §4.7). */
export const COMPLETION_FRACTION = 0.9;

/** Quality names `playback_sessions.quality_used` holds: the ladder's and the original's. */
const STORED_QUALITIES: ReadonlySet<string> = new Set([...QUALITY_NAMES, 'original']);

/**
 * The player's quality label as stored: a ladder name ("1080p", also written "1080P" or " 1080p "), or
 * null for anything else ("auto", "", unknown labels) — the reference stored "auto" and broke the column's
 * contract.
 */
export function normaliseQuality(label: string | null | undefined): string | null {
  if (label == null) return null;
  const name = label.trim().toLowerCase();
  return STORED_QUALITIES.has(name) ? name : null;
}

/** The browser asks not to be tracked: `DNT: 1` or Global Privacy Control's `Sec-GPC: 1`. */
export function asksNotToBeTracked(headers: Record<string, string | string[] | undefined>): boolean {
  const on = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() === '1';
  return on(headers['dnt']) || on(headers['sec-gpc']);
}
