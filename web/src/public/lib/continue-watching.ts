/**
 * The home page's "Continue watching" row (ui.md §1.2): the videos whose saved progress is between 5 % and
 * 95 % (player/viewer-memory.ts), newest first, at most 20, fetched in one `GET /api/videos/bulk?ids=` (which
 * returns public videos only, so removed ones drop out), each card with a progress bar; a "Clear watch
 * history" button; an error state with retry. The section stays hidden when there is nothing to continue.
 *
 * Test hooks: `#continue-watching`, `#continue-list li.video-card[data-video-id]` with `.watch-progress`
 * (`data-percent`), `#clear-history`.
 */
import { announce, errorState, h, replaceChildren } from '../../shared/dom.js';
import { errorMessage, fetchJson } from '../../shared/http.js';
import type { VideoListItem } from '../../shared/types.js';
import { clearHistory, continueWatching } from '../player/viewer-memory.js';
import { videoCard } from './cards.js';

const MAX_CARDS = 20;

function render(section: HTMLElement, videos: VideoListItem[], percents: Map<number, number>): void {
  // Cards draw the progress bar from the saved history themselves (cards.ts).
  const cards = videos
    .filter((video) => percents.has(video.id))
    .map((video) => videoCard(video, { heading: 'h3' }));
  const clear = h(
    'button',
    { id: 'clear-history', type: 'button', class: 'btn btn-ghost' },
    'Clear watch history',
  );
  clear.addEventListener('click', () => {
    clearHistory();
    section.hidden = true;
    replaceChildren(section);
    announce('Watch history cleared');
  });
  replaceChildren(
    section,
    h(
      'div',
      { class: 'section-head' },
      h('h2', { id: 'continue-title', class: 'section-title' }, 'Continue watching'),
      clear,
    ),
    h(
      'ul',
      {
        id: 'continue-list',
        class: 'video-grid continue-list',
        role: 'list',
        'aria-labelledby': 'continue-title',
      },
      ...cards,
    ),
  );
  section.hidden = cards.length === 0;
}

export async function mountContinueWatching(section: HTMLElement): Promise<void> {
  const saved = continueWatching(MAX_CARDS);
  if (saved.length === 0) return;
  const percents = new Map(saved.map((p) => [p.videoId, p.percentage]));
  try {
    const videos = await fetchJson<VideoListItem[]>(
      `/api/videos/bulk?ids=${saved.map((p) => p.videoId).join(',')}`,
    );
    render(section, videos, percents);
  } catch (err) {
    section.hidden = false;
    replaceChildren(
      section,
      errorState(
        h('h2', { class: 'empty-title' }, 'Could not load “Continue watching”'),
        errorMessage(err),
        () => void mountContinueWatching(section),
      ),
    );
  }
}
