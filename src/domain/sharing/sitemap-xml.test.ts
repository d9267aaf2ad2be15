import { describe, expect, it } from 'vitest';
import { pageSlice } from './sitemap-xml.js';

describe('pageSlice', () => {
  // 4 fixed URLs (home, category, tag, playlist) then the videos, in pages of 3.
  it('splits the fixed URLs and the videos across pages without gaps or overlaps', () => {
    expect(pageSlice(1, 3, 4)).toEqual({ fixedFrom: 0, fixedTo: 3, videoOffset: 0, videoLimit: 0 });
    expect(pageSlice(2, 3, 4)).toEqual({ fixedFrom: 3, fixedTo: 4, videoOffset: 0, videoLimit: 2 });
    expect(pageSlice(3, 3, 4)).toEqual({ fixedFrom: 4, fixedTo: 4, videoOffset: 2, videoLimit: 3 });
  });

  it('a page boundary on the last fixed URL starts the next page with the first video', () => {
    expect(pageSlice(1, 2, 2)).toEqual({ fixedFrom: 0, fixedTo: 2, videoOffset: 0, videoLimit: 0 });
    expect(pageSlice(2, 2, 2)).toEqual({ fixedFrom: 2, fixedTo: 2, videoOffset: 0, videoLimit: 2 });
  });
});
