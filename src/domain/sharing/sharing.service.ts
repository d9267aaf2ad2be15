import { open } from 'node:fs/promises';
import { jpegSize, type ImageSize } from '../../media/jpeg-size.js';
import { badRequest, notFound } from '../shared/errors.js';
import { isValidSlug } from '../shared/slug.js';
import { thumbnailUrl } from '../videos/video.mapper.js';
import type { VideoRepository } from '../videos/video.repository.js';
import type { OembedVideo } from '../../contracts/api/sharing.contract.js';
import { embedUrl, slugOfSiteUrl, toOembed, watchUrl } from './oembed.js';
import { toSharedVideo, type SharedVideo } from './shared-video.js';
import { pageSlice, SITEMAP_MAX_URLS, sitemapIndexXml, urlsetXml, type SitemapUrl } from './sitemap-xml.js';
import type { SitemapRepository, SitemapVideoRow } from './sitemap.repository.js';

/** A JPEG's frame header sits in its first segments; thumbnails carry no large EXIF block before it. */
const JPEG_HEAD_BYTES = 64 * 1024;

async function imageSizeOf(file: string): Promise<ImageSize | null> {
  try {
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(JPEG_HEAD_BYTES), 0, JPEG_HEAD_BYTES, 0);
      return jpegSize(buffer.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch {
    return null; // no thumbnail yet: the answer leaves the picture out
  }
}

/**
 * Link previews, embeds, oEmbed and the sitemap: what other sites and crawlers learn about public videos.
 * Only published, non-deleted videos are ever described; anything else reads as "no such video".
 * `origin` (scheme://host of this site, as the request reached it) makes every URL absolute.
 */
export function createSharingService(deps: {
  videos: VideoRepository;
  sitemap: SitemapRepository;
  thumbnailFile: (slug: string) => string;
  /** URLs per sitemap file (the protocol's 50,000; tests set a few). */
  sitemapPageSize?: number;
}) {
  const pageSize = deps.sitemapPageSize ?? SITEMAP_MAX_URLS;

  async function findVideo(slug: string): Promise<SharedVideo | null> {
    if (!isValidSlug(slug)) return null;
    const row = await deps.videos.findPublishedBySlug(slug);
    if (!row?.published_at) return null;
    const size = row.status === 'ready' ? await imageSizeOf(deps.thumbnailFile(row.slug)) : null;
    return toSharedVideo({ ...row, published_at: row.published_at }, size);
  }

  function videoUrl(origin: string, v: SitemapVideoRow): SitemapUrl {
    const thumb = thumbnailUrl(v, true);
    return {
      loc: watchUrl(origin, v.slug),
      lastmod: v.published_at,
      ...(thumb && {
        video: {
          title: v.title,
          description: (v.description ?? '').trim(),
          thumbnailLoc: origin + thumb,
          playerLoc: embedUrl(origin, v.slug),
          duration: v.duration ?? 0,
          publicationDate: new Date(v.published_at),
        },
      }),
    };
  }

  async function fixedUrls(origin: string): Promise<SitemapUrl[]> {
    const [categories, tags, playlists] = await Promise.all([
      deps.sitemap.categories(),
      deps.sitemap.tags(),
      deps.sitemap.playlists(),
    ]);
    const at = (path: string, slug: string, lastmod: Date | null) => ({
      loc: `${origin}/${path}/${encodeURIComponent(slug)}`,
      lastmod: lastmod ? new Date(lastmod) : null,
    });
    return [
      { loc: `${origin}/` },
      ...categories.map((c) => at('category', c.slug, c.lastmod)),
      ...tags.map((t) => at('tag', t.slug, t.lastmod)),
      ...playlists.map((p) => at('playlist', p.slug, p.lastmod)),
    ];
  }

  return {
    findVideo,

    /** `url` must be one of this site's watch or embed pages (parsed, never fetched). */
    async oembed(q: {
      url: string;
      origin: string;
      maxWidth?: number;
      maxHeight?: number;
    }): Promise<OembedVideo> {
      const slug = slugOfSiteUrl(q.url, q.origin);
      if (!slug) throw badRequest('url is not a watch or embed page of this site');
      const video = await findVideo(slug);
      if (!video) throw notFound('Video not found');
      return toOembed(video, q);
    },

    /**
     * The sitemap: one `<urlset>` while every URL fits one file; beyond that `/sitemap.xml` is an index of
     * `/sitemap.xml?page=N` files. Page numbers past the last one are not found.
     */
    async sitemap(q: { origin: string; page?: number }): Promise<string> {
      const [fixed, videoCount] = await Promise.all([fixedUrls(q.origin), deps.sitemap.countVideos()]);
      const total = fixed.length + videoCount;
      const pages = Math.max(1, Math.ceil(total / pageSize));
      if (q.page === undefined && pages > 1) {
        const locs = Array.from({ length: pages }, (_, i) => `${q.origin}/sitemap.xml?page=${i + 1}`);
        return sitemapIndexXml(locs);
      }
      const page = q.page ?? 1;
      if (page > pages) throw notFound('Sitemap page not found');
      const slice = pageSlice(page, pageSize, fixed.length);
      const videos =
        slice.videoLimit > 0 ? await deps.sitemap.videos(slice.videoOffset, slice.videoLimit) : [];
      return urlsetXml([
        ...fixed.slice(slice.fixedFrom, slice.fixedTo),
        ...videos.map((v) => videoUrl(q.origin, v)),
      ]);
    },
  };
}

export type SharingService = ReturnType<typeof createSharingService>;
