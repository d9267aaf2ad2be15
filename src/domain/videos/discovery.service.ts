import { INT4_MAX } from '../../contracts/schema-blocks.js';
import { badRequest, notFound } from '../shared/errors.js';
import { cacheKey, createTtlCache } from '../shared/ttl-cache.js';
import { relatedTiers, type DiscoveryRepository } from './discovery.repository.js';
import { parseListFilters, type RawListFilters } from './public-list-filters.js';
import { highlightToHtml, searchWords } from './search-text.js';
import { encodeCursor, type ListPaging } from './video-list.query.js';
import { toVideoListItem } from './video.mapper.js';
import type { VideoRepository, VideoRow } from './video.repository.js';
import { requireSlug } from './video.service.js';

/** The public list's query as the route passes it on (api-public.md §4.2). */
export interface PublicListRequest extends RawListFilters, ListPaging {
  search?: string;
}

const MAX_BULK_IDS = 20;
const CACHE_ENTRIES = 500;

/**
 * Finding videos on the public site: the filtered and searched list, bulk reads and related videos. The
 * list and related answers are cached in-process (`cacheTtlMs`, 30 s by default) and forgotten at once when
 * `onVideosChanged` reports a change (archive, publish, transcode done… in this process); other changes
 * show within the TTL.
 */
export function createDiscoveryService(deps: {
  videos: VideoRepository;
  discovery: DiscoveryRepository;
  cacheTtlMs: number;
  onVideosChanged?: (listener: () => void) => void;
}) {
  const { videos, discovery } = deps;
  const cache = createTtlCache<unknown>({ ttlMs: deps.cacheTtlMs, maxEntries: CACHE_ENTRIES });
  deps.onVideosChanged?.(() => cache.clear());

  async function toItems(rows: VideoRow[]) {
    const ids = rows.map((r) => r.id);
    const [tags, views] = await Promise.all([videos.tagsFor(ids), discovery.viewCounts(ids)]);
    return rows.map((r) =>
      toVideoListItem(r, {
        tags: tags.get(r.id) ?? [],
        viewCount: views.get(r.id) ?? 0,
        versionedThumb: true,
      }),
    );
  }

  /** The marked title and description of each searched row, by id. */
  async function snippets(rows: VideoRow[], query: string | null) {
    const marked = await discovery.headlines(
      rows.map((r) => r.id),
      query,
    );
    return new Map(
      marked.map((h) => [
        h.id,
        { title: highlightToHtml(h.title), description: highlightToHtml(h.description) },
      ]),
    );
  }

  /** The words' query; the trigram fallback when no public video matches it and pg_trgm is there. */
  async function searchTerms(words: string[]) {
    const tsquery = await discovery.searchQuery(words);
    const matched = tsquery !== null && (await discovery.anyFullTextMatch(tsquery));
    const fuzzy = !matched && (await discovery.hasTrigram());
    return { words, tsquery, fuzzy };
  }

  async function list(q: PublicListRequest) {
    const filters = parseListFilters(q);
    const words = q.search ? searchWords(q.search) : [];
    const [fields, search] = await Promise.all([
      discovery.customFields(Object.keys(filters.custom)),
      q.search ? searchTerms(words) : null,
    ]);
    const { rows, totalCount, keyset } = await videos.listPublic({ ...q, filters, fields, search });
    const page = rows.slice(0, q.limit);
    const hasMore = rows.length > q.limit;
    const last = page.at(-1);
    const [items, marked] = await Promise.all([
      toItems(page),
      search ? snippets(page, search.tsquery) : null,
    ]);
    return {
      videos: items.map((item) => {
        const snippet = marked?.get(item.id);
        return snippet ? { ...item, search_snippet: snippet } : item;
      }),
      next_cursor:
        keyset && hasMore && last?.published_at ? encodeCursor(new Date(last.published_at), last.id) : null,
      has_more: hasMore,
      total_count: totalCount,
    };
  }

  async function related(slug: string, limit: number) {
    const source = await discovery.relatedSource(requireSlug(slug));
    if (!source) throw notFound('Video not found');
    const chosen: VideoRow[] = [];
    for (const tier of relatedTiers(source)) {
      if (chosen.length >= limit) break;
      const exclude = [source.id, ...chosen.map((r) => r.id)];
      chosen.push(...(await discovery.relatedTier(tier, exclude, limit - chosen.length)));
    }
    return toItems(chosen);
  }

  return {
    /** The public list; an empty search (only spaces) lists without searching. */
    list(q: PublicListRequest) {
      return cache.getOrLoad(cacheKey(['list', q]), () => list(q)) as ReturnType<typeof list>;
    },

    /** Public videos by id, in the order asked, missing or non-public ones left out. */
    async bulk(idsText: string) {
      const ids = parseBulkIds(idsText);
      const rows = new Map((await discovery.publicByIds(ids)).map((r) => [r.id, r]));
      return toItems(ids.flatMap((id) => rows.get(id) ?? []));
    },

    /** Up to `limit` videos like this one, in the tiers of api-public.md §4.2. */
    related(slug: string, limit: number) {
      return cache.getOrLoad(cacheKey(['related', slug, limit]), () => related(slug, limit)) as ReturnType<
        typeof related
      >;
    },
  };
}

export type DiscoveryService = ReturnType<typeof createDiscoveryService>;

/** `ids=1,2,3`: positive integers, duplicates dropped (first kept), at most 20 distinct. */
export function parseBulkIds(text: string): number[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const ids: number[] = [];
  for (const part of parts) {
    const id = /^\d+$/.test(part) ? Number(part) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > INT4_MAX)
      throw badRequest(`Invalid video ID: '${part}'. IDs must be positive integers`);
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > MAX_BULK_IDS)
    throw badRequest(`Maximum ${MAX_BULK_IDS} unique video IDs allowed per request`);
  return ids;
}
