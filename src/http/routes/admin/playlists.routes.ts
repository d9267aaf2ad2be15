import type { FastifyInstance } from 'fastify';
import { StatusOk } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/playlist.contract.js';
import type { PlaylistService } from '../../../domain/playlists/playlist.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';

/** Playlists and their videos (api-admin.md §8). */
export function adminPlaylistRoutes(playlists: PlaylistService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['playlists']);
    const ok = { status: 'ok' };
    app.get(
      '/api/playlists',
      { schema: schema({ querystring: wire.AdminPlaylistListQuery, ok: wire.PlaylistPage }) },
      (req) => playlists.listAdmin(req.query),
    );
    app.post('/api/playlists', { schema: schema({ body: wire.PlaylistCreate, ok: wire.Playlist }) }, (req) =>
      playlists.create(req.body),
    );
    app.get('/api/playlists/:id', { schema: schema({ ...byId, ok: wire.PlaylistDetail }) }, (req) =>
      playlists.getAdmin(req.params.id),
    );
    app.put(
      '/api/playlists/:id',
      { schema: schema({ ...byId, body: wire.PlaylistUpdate, ok: wire.Playlist }) },
      (req) => playlists.update(req.params.id, req.body),
    );
    app.delete('/api/playlists/:id', { schema: schema({ ...byId, ok: StatusOk }) }, async (req) => {
      await playlists.delete(req.params.id);
      return ok;
    });
    app.get('/api/playlists/:id/videos', { schema: schema({ ...byId, ok: wire.PlaylistVideoList }) }, (req) =>
      playlists.adminVideos(req.params.id),
    );
    app.post(
      '/api/playlists/:id/videos',
      { schema: schema({ ...byId, body: wire.PlaylistAddVideo, ok: wire.PlaylistAdded }) },
      (req) => playlists.addVideo(req.params.id, req.body),
    );
    app.delete(
      '/api/playlists/:id/videos/:video_id',
      { schema: schema({ params: wire.PlaylistVideoParams, ok: StatusOk, fails: [404] }) },
      async (req) => {
        await playlists.removeVideo(req.params.id, req.params.video_id);
        return ok;
      },
    );
    app.post(
      '/api/playlists/:id/reorder',
      { schema: schema({ ...byId, body: wire.PlaylistReorder, ok: StatusOk }) },
      async (req) => {
        await playlists.reorder(req.params.id, req.body.video_ids);
        return ok;
      },
    );
  };
}
