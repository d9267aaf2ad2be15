/** Tag page (`/tag/{slug}`): the tag's header and its videos with the filter bar. */
import { initListingPage } from './lib/listing-page.js';

initListingPage({ path: 'tag', api: 'tags', noun: 'Tag', title: (name) => `#${name}` });
