/**
 * Category and tag pages (`/category/{slug}`, `/tag/{slug}`; one page, the path says which): the
 * category's or tag's header and its videos with the filter bar.
 */
import { initListingPage } from './lib/listing-page.js';

if (location.pathname.startsWith('/tag/')) {
  initListingPage({ path: 'tag', api: 'tags', noun: 'Tag', title: (name) => `#${name}` });
} else {
  initListingPage({ path: 'category', api: 'categories', noun: 'Category', title: (name) => name });
}
