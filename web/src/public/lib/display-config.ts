import { fetchJson } from '../../shared/http.js';
import type { DisplayConfig } from '../../shared/types.js';

const DEFAULTS: DisplayConfig = { show_view_counts: true, show_tagline: true, tagline: '' };
let loading: Promise<DisplayConfig> | null = null;

/** GET /api/config/display, once per page; the defaults when it cannot be read. */
export function displayConfig(): Promise<DisplayConfig> {
  loading ??= fetchJson<DisplayConfig>('/api/config/display').catch(() => DEFAULTS);
  return loading;
}

/**
 * Applies the display switches every public page shares: view counts on cards are hidden by a class
 * on <html> (cards rendered before or after the answer alike).
 */
export async function applyDisplayConfig(): Promise<void> {
  const config = await displayConfig();
  document.documentElement.classList.toggle('hide-view-counts', !config.show_view_counts);
}
