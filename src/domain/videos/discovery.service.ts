import { INT4_MAX } from '../../contracts/schema-blocks.js';
import { badRequest, notFound } from '../shared/errors.js';
import { cacheKey, createTtlCache } from '../shared/ttl-cache.js';
import { relatedTiers, type DiscoveryRepository } from './discovery.repository.js';
import { parseListFilters, type ListFilters, type RawListFilters } from './public-list-filters.js';
import type { VideoListRow } from './list-row.query.js';
import type { SearchTerms } from './search.query.js';
import { descriptionSnippet, queryPrefixes, titleSnippet } from './search-snippet.js';
import { searchWords } from './search-text.js';
import { correctWords } from './spelling.js';
import { encodeCursor, type ListPaging } from './video-list.query.js';
import { onlyCustomField } from './video-filters.query.js';
import { toVideoListItem } from './video.mapper.js';
import type { VideoRepository } from './video.repository.js';
import { requireSlug } from './video.service.js';

/** The public list's query as the route passes it on (api-public.md §4.2). */
export interface PublicListRequest extends RawListFilters, ListPaging {
  search?: string;
}

const MAX_BULK_IDS = 20;
const CACHE_ENTRIES = 500;
/** Search words → their tsquery (the same on every call; the TTL only bounds memory's age). */
const QUERY_CACHE_ENTRIES = 1000;
const QUERY_CACHE_TTL_MS = 3600 * 1000;
/**
 * A custom field slug → its id when its values can be read from their index (PublicListQuery's indexedField):
 * remembered 10 s, so a field defined or deleted since reaches the filter within 10 s.
 */
const FIELD_CACHE_TTL_MS = 10_000;
const FIELD_CACHE_ENTRIES = 200;
/**
 * A tag with at most this many public videos is read by their ids when filtered with others
 * (PublicListQuery's fewTagVideos): about 1 µs an id, where a scan of every video takes 0.3 µs a video.
 * Whether a tag's videos are few is remembered as long as a field's id.
 */
const FEW_TAG_VIDEOS = 2000;

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
  const queries = createTtlCache<string | null>({
    ttlMs: QUERY_CACHE_TTL_MS,
    maxEntries: QUERY_CACHE_ENTRIES,
  });
  const fields = createTtlCache<number | null>({
    ttlMs: FIELD_CACHE_TTL_MS,
    maxEntries: FIELD_CACHE_ENTRIES,
  });
  const tagSizes = createTtlCache<boolean>({ ttlMs: FIELD_CACHE_TTL_MS, maxEntries: FIELD_CACHE_ENTRIES });
  deps.onVideosChanged?.(() => cache.clear());

  const toItems = (rows: VideoListRow[]) =>
    rows.map((r) => toVideoListItem(r, { tags: r.tags, viewCount: r.view_count, versionedThumb: true }));

  /** The prefix query of the words: a pure function of them, so remembered (`QUERY_CACHE_*`). */
  const queryOf = (words: string[]) => queries.getOrLoad(words.join(' '), () => discovery.searchQuery(words));

  /**
   * When the words' search came back empty: if no public video matches the words at all (a misspelling, a
   * word no video has), the words corrected to the nearest known ones (spelling.ts); else null (the
   * filters or the page emptied the list, not the words).
   */
  async function correctedSearch(search: SearchTerms): Promise<SearchTerms | null> {
    if (search.words.length === 0 || !(await discovery.hasTrigram())) return null;
    const candidates = await discovery.correctionCandidates(search.words, search.tsquery);
    const words = correctWords(search.words, candidates);
    return words ? { words, tsquery: await queryOf(words) } : null;
  }

  /** The only filter's custom field, when its page can be read from the values' index. */
  async function indexedField(filters: ListFilters) {
    const only = onlyCustomField(filters);
    if (!only) return null;
    const id = await fields.getOrLoad(only[0], () => discovery.indexedFieldId(only[0]));
    return id === null ? null : { id };
  }

  /** Whether the tag filter's tag has few public videos (FEW_TAG_VIDEOS). */
  const fewTagVideos = (tag: string | undefined) =>
    tag ? tagSizes.getOrLoad(tag, () => discovery.tagHasFewVideos(tag, FEW_TAG_VIDEOS)) : false;

  async function list(q: PublicListRequest) {
    const filters = parseListFilters(q);
    const words = q.search ? searchWords(q.search) : [];
    let search: SearchTerms | null = q.search ? { words, tsquery: await queryOf(words) } : null;
    const field = search ? null : await indexedField(filters);
    const listed = { ...q, filters, fewTagVideos: await fewTagVideos(filters.tag) };
    let result = await videos.listPublic({ ...listed, search, indexedField: field });
    const corrected = search && result.rows.length === 0 ? await correctedSearch(search) : null;
    if (corrected) {
      search = corrected;
      result = await videos.listPublic({ ...listed, search });
    }
    const { rows, totalCount, keyset } = result;
    const page = rows.slice(0, q.limit);
    const hasMore = rows.length > q.limit;
    const last = page.at(-1);
    const prefixes = search ? queryPrefixes(search.tsquery) : [];
    return {
      videos: toItems(page).map((item, i) => {
        const row = page[i]!;
        if (!search) return item;
        const snippet = {
          title: titleSnippet(row.title, prefixes),
          description: descriptionSnippet(row.description ?? '', prefixes),
        };
        return { ...item, search_snippet: snippet };
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
    const chosen: VideoListRow[] = [];
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
      return cache.getOrLoad(
        () => cacheKey(['list', q]),
        () => list(q),
      ) as ReturnType<typeof list>;
    },

    /** Public videos by id, in the order asked, missing or non-public ones left out. */
    async bulk(idsText: string) {
      const ids = parseBulkIds(idsText);
      const rows = new Map((await discovery.publicByIds(ids)).map((r) => [r.id, r]));
      return toItems(ids.flatMap((id) => rows.get(id) ?? []));
    },

    /** Up to `limit` videos like this one, in the tiers of api-public.md §4.2. */
    related(slug: string, limit: number) {
      return cache.getOrLoad(
        () => cacheKey(['related', slug, limit]),
        () => related(slug, limit),
      ) as ReturnType<typeof related>;
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
