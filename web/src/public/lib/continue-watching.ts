/**
 * The home page's rows from the viewer's memory (ui.md §1.2): "Continue watching" — videos with saved progress
 * between 5 % and 95 %, newest first, each card with its progress bar (cards.ts draws it) and "Clear watch
 * history" — and "Watch later", the videos the viewer saved, newest first.
 *
 * Test hooks: `#continue-watching` with `#continue-list li.video-card[data-video-id]` and `#clear-history`;
 * `#watch-later` with `#watch-later-list li.video-card[data-video-id]` and `#clear-watch-later`.
 */
import { clearHistory, clearWatchLater, continueWatching, watchLaterIds } from '../player/viewer-memory.js';
import { MAX_ROW_CARDS, mountSavedVideoRow } from './saved-video-row.js';

export function mountContinueWatching(section: HTMLElement): Promise<void> {
  return mountSavedVideoRow({
    section,
    key: 'continue',
    title: 'Continue watching',
    ids: () => continueWatching(MAX_ROW_CARDS).map((p) => p.videoId),
    clear: {
      id: 'clear-history',
      label: 'Clear watch history',
      done: 'Watch history cleared',
      run: clearHistory,
    },
  });
}

export function mountWatchLater(section: HTMLElement): Promise<void> {
  return mountSavedVideoRow({
    section,
    key: 'watch-later',
    title: 'Watch later',
    ids: watchLaterIds,
    clear: {
      id: 'clear-watch-later',
      label: 'Clear list',
      done: 'Watch later list cleared',
      run: clearWatchLater,
    },
  });
}
