import type { SettingsService } from '../settings/settings.service.js';

type Settings = Pick<SettingsService, 'get'>;

/** GET /api/config/display (api-public.md §4.5). */
export function displayConfig(settings: Settings) {
  return {
    show_view_counts: settings.get('display.show_view_counts'),
    show_tagline: settings.get('display.show_tagline'),
    tagline: settings.get('display.tagline'),
  };
}

/** GET /api/config/downloads (api-public.md §4.5): the switches only while downloads are on. */
export function downloadsConfig(settings: Settings) {
  if (!settings.get('downloads.enabled')) return { enabled: false };
  return {
    enabled: true,
    allow_original: settings.get('downloads.allow_original'),
    allow_transcoded: settings.get('downloads.allow_transcoded'),
  };
}
