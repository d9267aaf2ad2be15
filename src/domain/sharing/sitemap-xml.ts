import { escapeMarkup } from '../shared/markup.js';

/** The sitemaps protocol's limit of URLs per file (https://www.sitemaps.org/protocol.html). */
export const SITEMAP_MAX_URLS = 50_000;
/** Google's video extension caps a description at 2,048 characters and a duration at 8 hours. */
const VIDEO_DESCRIPTION_MAX = 2048;
const VIDEO_DURATION_MAX = 28_800;

export interface SitemapVideoEntry {
  title: string;
  description: string;
  thumbnailLoc: string;
  playerLoc: string;
  /** Seconds; left out when not known. */
  duration: number;
  publicationDate: Date;
}

export interface SitemapUrl {
  loc: string;
  lastmod?: Date | null;
  video?: SitemapVideoEntry;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const tag = (name: string, text: string) => `<${name}>${escapeMarkup(text)}</${name}>`;
const day = (d: Date) => d.toISOString().slice(0, 10);

function videoXml(v: SitemapVideoEntry): string {
  const description = (v.description || v.title).slice(0, VIDEO_DESCRIPTION_MAX);
  const seconds = Math.round(v.duration);
  return [
    '<video:video>',
    tag('video:thumbnail_loc', v.thumbnailLoc),
    tag('video:title', v.title),
    tag('video:description', description),
    tag('video:player_loc', v.playerLoc),
    seconds >= 1 ? tag('video:duration', String(Math.min(seconds, VIDEO_DURATION_MAX))) : '',
    tag('video:publication_date', v.publicationDate.toISOString()),
    '</video:video>',
  ].join('');
}

/** One `<urlset>` file with the video extension's namespace. */
export function urlsetXml(urls: SitemapUrl[]): string {
  const entries = urls.map(
    (u) =>
      `<url>${tag('loc', u.loc)}${u.lastmod ? tag('lastmod', day(u.lastmod)) : ''}` +
      `${u.video ? videoXml(u.video) : ''}</url>`,
  );
  return (
    XML_HEAD +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ' +
    'xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">\n' +
    entries.join('\n') +
    '\n</urlset>\n'
  );
}

/** The `<sitemapindex>` listing each page's URL. */
export function sitemapIndexXml(locs: string[]): string {
  return (
    XML_HEAD +
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    locs.map((loc) => `<sitemap>${tag('loc', loc)}</sitemap>`).join('\n') +
    '\n</sitemapindex>\n'
  );
}

/**
 * Which slice of the URL list page `page` (1-based) of `pageSize` holds, where the list is `fixed` URLs
 * (home, categories, tags, playlists) followed by the videos: the videos' offset and count in SQL terms.
 */
export function pageSlice(
  page: number,
  pageSize: number,
  fixed: number,
): { fixedFrom: number; fixedTo: number; videoOffset: number; videoLimit: number } {
  const start = (page - 1) * pageSize;
  const end = start + pageSize;
  return {
    fixedFrom: Math.min(start, fixed),
    fixedTo: Math.min(end, fixed),
    videoOffset: Math.max(0, start - fixed),
    videoLimit: Math.max(0, end - Math.max(start, fixed)),
  };
}
