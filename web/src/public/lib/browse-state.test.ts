import { describe, expect, it } from 'vitest';
import {
  filtersFromUrl,
  filtersToUrl,
  listQuery,
  parsePreferences,
  type Preferences,
} from './browse-state.js';

const prefs: Preferences = { sortBy: 'views-desc', durationFilter: 'long', viewMode: 'list' };

describe('public browse filters', () => {
  it('reads saved preferences, each key falling back alone', () => {
    expect(
      parsePreferences(
        '{"sortBy":"title-asc","durationFilter":"nope","viewMode":"list","autoplayNext":true}',
      ),
    ).toEqual({ sortBy: 'title-asc', durationFilter: '', viewMode: 'list' });
    expect(parsePreferences('not json')).toEqual({
      sortBy: 'date-desc',
      durationFilter: '',
      viewMode: 'grid',
    });
  });

  it('lets the URL win over the preferences and drops bad values', () => {
    const params = new URLSearchParams('sort=duration-asc&category=Bad Slug&custom.genre=Jazz&custom.X=1');
    expect(filtersFromUrl(params, prefs, {})).toEqual({
      search: '',
      category: '',
      tag: '',
      sort: 'duration-asc',
      duration: 'long',
      custom: { genre: 'Jazz' },
    });
  });

  it('ranks by relevance only when searching', () => {
    expect(filtersFromUrl(new URLSearchParams(), prefs, { search: 'jazz' }).sort).toBe('relevance');
    expect(filtersFromUrl(new URLSearchParams('sort=relevance'), prefs, {}).sort).toBe('views-desc');
  });

  it('builds the API query: sort and order, cursor only for date order', () => {
    const filters = filtersFromUrl(new URLSearchParams('custom.genre=Rock'), prefs, { tag: 'live' });
    expect(listQuery(filters, { limit: 24, cursor: 'abc', offset: 24 }).toString()).toBe(
      'limit=24&include_total=true&tag=live&duration=long&sort=views&order=desc&custom.genre=Rock&offset=24',
    );
    const byDate = { ...filters, sort: 'date-asc' as const, custom: {}, duration: '' as const };
    expect(listQuery(byDate, { limit: 24, cursor: 'abc', offset: 24 }).toString()).toBe(
      'limit=24&include_total=true&tag=live&sort=date&order=asc&cursor=abc',
    );
  });

  it('writes the page URL without the scope that is in the path', () => {
    const filters = filtersFromUrl(new URLSearchParams('category=music&duration=short'), prefs, {});
    expect(filtersToUrl(filters, { categoryInPath: false }).toString()).toBe(
      'category=music&sort=views-desc&duration=short',
    );
    expect(filtersToUrl(filters, { categoryInPath: true }).toString()).toBe('sort=views-desc&duration=short');
  });
});
