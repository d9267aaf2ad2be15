import type { OembedVideo } from '../../contracts/api/sharing.contract.js';
import { isValidSlug } from '../shared/slug.js';
import { escapeMarkup } from '../shared/markup.js';
import { fitFrame, type SharedVideo } from './shared-video.js';

/** The embed's width when the consumer sets no limit (a common player size; the height follows the aspect). */
export const DEFAULT_EMBED_WIDTH = 640;
export const PROVIDER_NAME = 'VLog';

const SITE_PAGE = /^\/(?:watch|embed)\/([^/]+)\/?$/;

/**
 * The video slug of one of this site's watch or embed URLs, or null. Parsed only, never fetched: a URL of
 * another host, scheme or path is refused however it is spelled. `origin` is this site's `scheme://host`.
 */
export function slugOfSiteUrl(raw: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (url.host.toLowerCase() !== new URL(origin).host.toLowerCase()) return null;
  const match = SITE_PAGE.exec(url.pathname);
  if (!match?.[1]) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return isValidSlug(slug) ? slug : null;
}

export const embedUrl = (origin: string, slug: string) => `${origin}/embed/${encodeURIComponent(slug)}`;
export const watchUrl = (origin: string, slug: string) => `${origin}/watch/${encodeURIComponent(slug)}`;

/** An oEmbed 1.0 "video" answer (https://oembed.com §2.3.4) for a public video. */
export function toOembed(
  video: SharedVideo,
  options: { origin: string; maxWidth?: number; maxHeight?: number },
): OembedVideo {
  const { origin } = options;
  const frame = fitFrame(video.aspect, {
    preferredWidth: DEFAULT_EMBED_WIDTH,
    maxWidth: options.maxWidth,
    maxHeight: options.maxHeight,
  });
  const html =
    `<iframe src="${escapeMarkup(embedUrl(origin, video.slug))}" width="${frame.width}" ` +
    `height="${frame.height}" title="${escapeMarkup(video.title)}" frameborder="0" ` +
    `allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>`;
  // The spec's thumbnail limits: a thumbnail larger than maxwidth/maxheight is left out, never distorted.
  const thumb = video.thumbnail;
  const thumbFits =
    thumb &&
    (options.maxWidth === undefined || thumb.width <= options.maxWidth) &&
    (options.maxHeight === undefined || thumb.height <= options.maxHeight);
  return {
    type: 'video',
    version: '1.0',
    title: video.title,
    provider_name: PROVIDER_NAME,
    provider_url: `${origin}/`,
    html,
    ...frame,
    ...(thumb &&
      thumbFits && {
        thumbnail_url: origin + thumb.url,
        thumbnail_width: thumb.width,
        thumbnail_height: thumb.height,
      }),
  };
}
