import { Type, type Static } from '@sinclair/typebox';
import { literals } from '../schema-blocks.js';

/** `GET /api/oembed` (https://oembed.com §2.2): `url` is one of this site's watch or embed pages. */
export const OembedQuery = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2048 }),
  /** The spec's two formats; only `json` is answered, `xml` gets 501 as the spec allows. */
  format: literals(['json', 'xml'], { default: 'json' }),
  maxwidth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  maxheight: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
export type OembedQuery = Static<typeof OembedQuery>;

/** An oEmbed 1.0 `video` answer; the thumbnail's three fields come together or not at all. */
export const OembedVideo = Type.Object({
  type: Type.Literal('video'),
  version: Type.Literal('1.0'),
  title: Type.String(),
  provider_name: Type.String(),
  provider_url: Type.String(),
  html: Type.String({ description: 'An <iframe> of /embed/{slug}' }),
  width: Type.Integer(),
  height: Type.Integer(),
  thumbnail_url: Type.Optional(Type.String()),
  thumbnail_width: Type.Optional(Type.Integer()),
  thumbnail_height: Type.Optional(Type.Integer()),
});
export type OembedVideo = Static<typeof OembedVideo>;

/** `GET /sitemap.xml`: without `page`, the one sitemap or, beyond 50,000 URLs, the index of its pages. */
export const SitemapQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
export type SitemapQuery = Static<typeof SitemapQuery>;
