/** "Download original" on the watch page, when downloads and originals are allowed (api-public.md §4.5-4.6). */
import { h } from '../../shared/dom.js';
import { fetchJson } from '../../shared/http.js';
import type { DownloadsConfig } from '../../shared/types.js';

export async function mountDownload(container: HTMLElement, slug: string): Promise<void> {
  const config = await fetchJson<DownloadsConfig>('/api/config/downloads').catch(() => null);
  if (!config?.enabled || !config.allow_original) return;
  container.appendChild(
    h(
      'a',
      {
        class: 'btn download-original',
        href: `/api/videos/${encodeURIComponent(slug)}/download/original`,
        download: true,
      },
      'Download original',
    ),
  );
}
