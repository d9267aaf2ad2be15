/**
 * Search results page (`/search?q=`): ranked results with highlighted snippets, "N results", a clear button,
 * and the shared filter bar with Relevance, a category select and that category's custom-field filters.
 */
import { must } from '../shared/dom.js';
import { initHeader, readSearchParam } from './lib/chrome.js';
import { VideoBrowser } from './lib/video-browser.js';

const query = readSearchParam();
initHeader(query);
if (!query) {
  location.replace('/'); // nothing to search for: the home page lists everything
} else {
  must('#section-title').textContent = `Results for “${query}”`;
  document.title = `${query} – Search – VLog`;
  new VideoBrowser({
    scope: { search: query },
    categorySelect: true,
    emptyMessage: () => `No videos match “${query}”.`,
    summary: (count) => `${count} ${count === 1 ? 'result' : 'results'}`,
  });
}
