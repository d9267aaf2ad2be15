/** Category page (`/category/{slug}`): the category's header and its videos with the filter bar. */
import { initListingPage } from './lib/listing-page.js';

initListingPage({ path: 'category', api: 'categories', noun: 'Category', title: (name) => name });
