import { escapeMarkup } from '../../domain/shared/markup.js';
import { embedUrl, PROVIDER_NAME, watchUrl } from '../../domain/sharing/oembed.js';
import { fitFrame, type SharedVideo } from '../../domain/sharing/shared-video.js';

/** A page's <title> and the extra <head> markup rendered for one request (already escaped). */
export interface PageHead {
  title: string;
  tags: string;
}

/** The player size link previews announce (a 720p frame, the height following the video's aspect). */
const PREVIEW_PLAYER_WIDTH = 1280;
/** Previews show about this much of the description; the page itself shows all of it. */
const DESCRIPTION_MAX = 300;
const GENERIC_DESCRIPTION = 'Videos on VLog.';

const meta = (attr: 'name' | 'property', key: string, value: string | number) =>
  `<meta ${attr}="${key}" content="${escapeMarkup(String(value))}" />`;

function summary(text: string, fallback: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return fallback;
  return flat.length <= DESCRIPTION_MAX ? flat : `${flat.slice(0, DESCRIPTION_MAX - 1).trimEnd()}…`;
}

/** Site-wide tags: an unknown, unpublished or malformed slug says nothing about any video. */
export function genericHead(): PageHead {
  return {
    title: PROVIDER_NAME,
    tags: [
      meta('name', 'description', GENERIC_DESCRIPTION),
      meta('property', 'og:site_name', PROVIDER_NAME),
      meta('property', 'og:type', 'website'),
      meta('property', 'og:title', PROVIDER_NAME),
      meta('property', 'og:description', GENERIC_DESCRIPTION),
      meta('name', 'twitter:card', 'summary'),
    ].join('\n'),
  };
}

/**
 * OpenGraph (https://ogp.me, `video.other`) and Twitter-card tags of a watch page, plus its canonical URL and
 * oEmbed discovery link. A playable video announces its embed page as the player (`og:video`,
 * `twitter:card=player`); one still processing is shared as a picture (`summary_large_image`) or, without
 * a thumbnail yet, as a plain `summary`.
 */
export function watchPageHead(video: SharedVideo, origin: string): PageHead {
  const pageUrl = watchUrl(origin, video.slug);
  const player = embedUrl(origin, video.slug);
  const description = summary(video.description, `Watch ${video.title} on ${PROVIDER_NAME}.`);
  const frame = fitFrame(video.aspect, { preferredWidth: PREVIEW_PLAYER_WIDTH });
  const image = video.thumbnail && { ...video.thumbnail, url: origin + video.thumbnail.url };
  const oembed = `${origin}/api/oembed?url=${encodeURIComponent(pageUrl)}&format=json`;
  const card = video.playable ? 'player' : image ? 'summary_large_image' : 'summary';
  const tags = [
    meta('name', 'description', description),
    `<link rel="canonical" href="${escapeMarkup(pageUrl)}" />`,
    `<link rel="alternate" type="application/json+oembed" href="${escapeMarkup(oembed)}" title="${escapeMarkup(video.title)}" />`,
    meta('property', 'og:site_name', PROVIDER_NAME),
    meta('property', 'og:type', 'video.other'),
    meta('property', 'og:title', video.title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', pageUrl),
    ...(image
      ? [
          meta('property', 'og:image', image.url),
          meta('property', 'og:image:width', image.width),
          meta('property', 'og:image:height', image.height),
        ]
      : []),
    ...(video.playable
      ? [
          meta('property', 'og:video', player),
          ...(origin.startsWith('https:') ? [meta('property', 'og:video:secure_url', player)] : []),
          meta('property', 'og:video:type', 'text/html'),
          meta('property', 'og:video:width', frame.width),
          meta('property', 'og:video:height', frame.height),
        ]
      : []),
    ...(video.duration > 0 ? [meta('property', 'video:duration', Math.round(video.duration))] : []),
    meta('property', 'video:release_date', video.publishedAt.toISOString()),
    meta('name', 'twitter:card', card),
    meta('name', 'twitter:title', video.title),
    meta('name', 'twitter:description', description),
    ...(image ? [meta('name', 'twitter:image', image.url)] : []),
    ...(video.playable
      ? [
          meta('name', 'twitter:player', player),
          meta('name', 'twitter:player:width', frame.width),
          meta('name', 'twitter:player:height', frame.height),
        ]
      : []),
  ];
  return { title: `${video.title} – ${PROVIDER_NAME}`, tags: tags.join('\n') };
}

/** The page with its <title> replaced and the tags added at the end of its <head>. */
export function withHead(html: string, head: PageHead): string {
  const titled = html.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeMarkup(head.title)}</title>`);
  return titled.replace('</head>', () => `${head.tags}\n</head>`);
}
