// A tag filtered with others is read one of two ways (video-filters.query.ts): by its public videos' ids
// when the tag has few (the discovery service counts them), else by a join of its links. Both must list
// and count exactly the same videos, on both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import { createDiscoveryRepository } from '../../src/domain/videos/discovery.repository.js';
import { parseListFilters, type RawListFilters } from '../../src/domain/videos/public-list-filters.js';
import { buildPublicListQuery, type PublicSort } from '../../src/domain/videos/video-list.query.js';
import { createVideoRepository } from '../../src/domain/videos/video.repository.js';
import { seedPublicCatalogue } from '../helpers/discovery-catalogue.js';
import { searchWords } from '../../src/domain/videos/search-text.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('a tag filtered with others (%s)', (driver) => {
  const t = useTestApp(driver);
  beforeAll(async () => {
    await seedPublicCatalogue(t);
  });

  it('counts no further than asked whether a tag has few public videos', async () => {
    const discovery = createDiscoveryRepository(t.container.db);
    // rock: rock-one, rock-two and news-four are public; draft-six and gone-seven are not.
    expect(await discovery.tagHasFewVideos('rock', 3)).toBe(true);
    expect(await discovery.tagHasFewVideos('rock', 2)).toBe(false);
    expect(await discovery.tagHasFewVideos('no-such-tag', 0)).toBe(true);
  });

  // [filters, sort, search words, total]: rock's public videos are rock-one (100 s, featured, 1080p and 720p,
  // music), rock-two (600 s, 720p, music) and news-four (300 s, news).
  const CASES: Array<[RawListFilters, PublicSort | undefined, string | undefined, number]> = [
    [{ tag: 'rock', duration: 'short,medium' }, 'date', undefined, 3],
    [{ tag: 'rock', duration: 'short,medium' }, 'views', undefined, 3],
    [{ tag: 'rock' }, 'title', undefined, 3],
    [{ tag: 'rock' }, 'duration', undefined, 3],
    [{ tag: 'rock', category: 'music' }, undefined, undefined, 2],
    [{ tag: 'rock', quality: '720p' }, 'date', undefined, 2],
    [{ tag: 'jazz', duration: 'long' }, 'duration', undefined, 1],
    [{ tag: 'live', featured: true }, 'views', undefined, 1],
    [{ tag: 'rock', duration: 'long' }, 'date', undefined, 0],
    [{ tag: 'rock' }, undefined, 'rock', 3],
    [{ tag: 'rock', duration: 'short' }, 'relevance', 'one', 1],
  ];

  it.each(CASES)(
    '%j by %s, search %s: the same page and total either way',
    async (raw, sort, words, total) => {
      const db = t.container.db;
      const videos = createVideoRepository(db);
      const filters = parseListFilters(raw);
      const terms = words ? searchWords(words) : [];
      const search = words
        ? { words: terms, tsquery: await createDiscoveryRepository(db).searchQuery(terms) }
        : null;
      const query = (fewTagVideos: boolean, offset: number) => ({
        filters,
        search,
        sort,
        limit: 1,
        offset,
        includeTotal: true,
        fewTagVideos,
      });
      const sqlOf = (fewTagVideos: boolean) =>
        buildPublicListQuery(db, query(fewTagVideos, 0)).page.compile().sql;
      expect(sqlOf(true)).toContain('any(array(select vt.video_id');
      expect(sqlOf(false)).not.toContain('any(array(');
      const listed = [];
      for (const fewTagVideos of [true, false]) {
        const pages = [];
        for (const offset of [0, 1, 2]) {
          const { rows, totalCount } = await videos.listPublic(query(fewTagVideos, offset));
          pages.push([rows.map((r) => r.slug), totalCount]);
        }
        listed.push(pages);
      }
      expect(listed[0]).toEqual(listed[1]);
      expect(listed[0]![0]![1]).toBe(total);
      expect((listed[0]![0]![0] as string[]).length).toBe(Math.min(total, 2));
    },
  );
});
