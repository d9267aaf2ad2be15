/**
 * A home-page row of videos the browser remembers (Continue watching, Watch later): the ids go to
 * `GET /api/videos/bulk?ids=` (≤ 20, public videos only, in the given order, so removed ones drop out), the
 * cards form a horizontal list under a heading with a "clear" button; a failed fetch shows an error with retry.
 * The section stays hidden when there is nothing to show.
 */
import { announce, errorState, h, replaceChildren } from '../../shared/dom.js';
import { errorMessage, fetchJson } from '../../shared/http.js';
import type { VideoListItem } from '../../shared/types.js';
import { videoCard } from './cards.js';

export const MAX_ROW_CARDS = 20;

export interface SavedVideoRow {
  section: HTMLElement;
  /** Prefix of the ids: `<key>-title`, `<key>-list`. */
  key: string;
  title: string;
  /** The videos to show, in order. */
  ids: () => number[];
  clear: { id: string; label: string; done: string; run: () => void };
}

function render(row: SavedVideoRow, videos: VideoListItem[]): void {
  const { section, key } = row;
  const cards = videos.map((video) => videoCard(video, { heading: 'h3' }));
  const clear = h('button', { id: row.clear.id, type: 'button', class: 'btn btn-ghost' }, row.clear.label);
  clear.addEventListener('click', () => {
    row.clear.run();
    section.hidden = true;
    replaceChildren(section);
    announce(row.clear.done);
  });
  replaceChildren(
    section,
    h(
      'div',
      { class: 'section-head' },
      h('h2', { id: `${key}-title`, class: 'section-title' }, row.title),
      clear,
    ),
    h(
      'ul',
      { id: `${key}-list`, class: 'video-grid saved-row', role: 'list', 'aria-labelledby': `${key}-title` },
      ...cards,
    ),
  );
  section.setAttribute('aria-labelledby', `${key}-title`);
  section.hidden = cards.length === 0;
}

export async function mountSavedVideoRow(row: SavedVideoRow): Promise<void> {
  const ids = row.ids().slice(0, MAX_ROW_CARDS);
  if (ids.length === 0) return;
  try {
    render(row, await fetchJson<VideoListItem[]>(`/api/videos/bulk?ids=${ids.join(',')}`));
  } catch (err) {
    row.section.hidden = false;
    replaceChildren(
      row.section,
      errorState(
        h('h2', { class: 'empty-title' }, `Could not load “${row.title}”`),
        errorMessage(err),
        () => void mountSavedVideoRow(row),
      ),
    );
  }
}
