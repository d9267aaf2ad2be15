import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SlugParam } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/playlist.contract.js';
import type { PlaylistService } from '../../../domain/playlists/playlist.service.js';
import { routeSchemas } from '../../schemas/route-schema.js';

/** Public playlists (api-public.md §4.4): public (list) or public and unlisted (by slug); public videos only. */
export function publicPlaylistRoutes(playlists: PlaylistService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['playlists'] });
    const bySlug = { params: SlugParam, fails: [404] };
    app.get(
      '/api/playlists',
      {
        config: { rateLimit: 'publicList' },
        schema: schema({ querystring: wire.PublicPlaylistListQuery, ok: wire.PlaylistPage }),
      },
      (req) => playlists.listPublic(req.query),
    );
    app.get('/api/playlists/:slug', { schema: schema({ ...bySlug, ok: wire.PlaylistDetail }) }, (req) =>
      playlists.getPublic(req.params.slug),
    );
    app.get(
      '/api/playlists/:slug/videos',
      { schema: schema({ ...bySlug, ok: wire.PlaylistVideoList }) },
      (req) => playlists.publicVideos(req.params.slug),
    );
  };
}
