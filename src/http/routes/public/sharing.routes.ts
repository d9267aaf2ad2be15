import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import * as wire from '../../../contracts/api/sharing.contract.js';
import type { SharingService } from '../../../domain/sharing/sharing.service.js';
import { requestOrigin } from '../../request-origin.js';
import { routeSchemas } from '../../schemas/route-schema.js';

/** oEmbed for other sites and the sitemap for crawlers; URLs are absolute on the origin the request used. */
export function publicSharingRoutes(sharing: SharingService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['sharing'] });
    app.get(
      '/api/oembed',
      {
        schema: schema({
          summary: 'oEmbed answer for a watch or embed URL of this site',
          description:
            'The URL is parsed, never fetched: another host or path is refused (400). ' +
            'Only `format=json` is answered (501 for `xml`). ' +
            '`maxwidth`/`maxheight` bound the player.',
          querystring: wire.OembedQuery,
          ok: wire.OembedVideo,
          fails: [404, 501],
        }),
      },
      async (req, reply) => {
        const q = req.query;
        if (q.format !== 'json') {
          return reply.code(501).send({ detail: 'Only format=json is supported' });
        }
        return sharing.oembed({
          url: q.url,
          origin: requestOrigin(req),
          maxWidth: q.maxwidth,
          maxHeight: q.maxheight,
        });
      },
    );
    app.get(
      '/sitemap.xml',
      {
        schema: schema({
          summary: 'Sitemap of the public site (video extension)',
          description:
            'Home, category, tag and playlist pages and every public video with its thumbnail, player and ' +
            'duration. Beyond 50,000 URLs this is a sitemap index of `?page=N` files.',
          querystring: wire.SitemapQuery,
          ok: Type.String({ description: 'XML (application/xml)' }),
          fails: [404],
        }),
      },
      async (req, reply) => {
        const xml = await sharing.sitemap({ origin: requestOrigin(req), page: req.query.page });
        return reply
          .type('application/xml; charset=utf-8')
          .header('Cache-Control', 'public, max-age=3600')
          .send(xml);
      },
    );
  };
}
