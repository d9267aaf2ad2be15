/**
 * Related videos on the watch page (`GET /api/videos/{slug}/related?limit=12`): a list beside the player on
 * wide screens, below it on narrow ones (where CSS shows the first 6). Loading, error (retry) and empty states.
 */
import { errorState, h, replaceChildren } from '../../shared/dom.js';
import { errorMessage, fetchJson } from '../../shared/http.js';
import type { VideoListItem } from '../../shared/types.js';
import { skeletonCards, videoCard } from '../lib/cards.js';

const RELATED_LIMIT = 12;

/** Build the related section into `section` (emptied first) and load it; Retry reloads it in place. */
export function mountRelated(section: HTMLElement, slug: string): void {
  const list = h('ul', { id: 'related-list', class: 'related-list', role: 'list', 'aria-busy': 'true' });
  const state = h('div', { class: 'related-state' });
  replaceChildren(
    section,
    h('h2', { id: 'related-title', class: 'side-title' }, 'Related videos'),
    list,
    state,
  );
  section.setAttribute('aria-labelledby', 'related-title');
  section.hidden = false;
  void loadRelated(slug, list, state);
}

async function loadRelated(slug: string, list: HTMLElement, state: HTMLElement): Promise<void> {
  list.setAttribute('aria-busy', 'true');
  replaceChildren(list, ...skeletonCards(4));
  replaceChildren(state);
  try {
    const videos = await fetchJson<VideoListItem[]>(
      `/api/videos/${encodeURIComponent(slug)}/related?limit=${RELATED_LIMIT}`,
    );
    replaceChildren(list, ...videos.map((video) => videoCard(video, { heading: 'h3' })));
    if (videos.length === 0) {
      replaceChildren(state, h('p', { class: 'muted related-empty' }, 'No related videos yet.'));
    }
  } catch (err) {
    replaceChildren(list);
    replaceChildren(
      state,
      errorState(h('p', { class: 'empty-title' }, 'Could not load related videos'), errorMessage(err), () => {
        void loadRelated(slug, list, state);
      }),
    );
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}
