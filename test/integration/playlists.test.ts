// Playlists (api-admin.md §8) and the public playlist endpoints (api-public.md §4.4), on both databases:
// positions stay 0..n-1 through inserts, removals and reorders, concurrent appends get distinct positions,
// a deleted playlist's title can be used again, and the public side sees public (or unlisted) playlists
// with their public videos only.
import { describe, expect, it } from 'vitest';
import type {
  Playlist,
  PlaylistDetail,
  PlaylistPage,
  PlaylistVideoInfo,
} from '../../src/contracts/api/playlist.contract.js';
import { adminInject } from '../helpers/admin-inject.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describe.each(DRIVERS)('playlists (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_RATE_LIMIT_ENABLED: 'false' });
  const api = (method: Method, url: string, payload?: object) => adminInject(t, method, url, payload);
  const publicGet = (url: string) => t.publicApp.inject({ method: 'GET', url });

  let seeded = 0;
  /** A video row: public (ready + published), pending, or archived; `duration` seconds long. */
  async function video(state: 'public' | 'pending' | 'archived' = 'public', duration = 10): Promise<number> {
    const n = ++seeded;
    const row = await t.container.db
      .insertInto('videos')
      .values({
        title: `Clip ${n}`,
        slug: `playlist-clip-${n}`,
        duration,
        status: state === 'pending' ? 'pending' : 'ready',
        published_at: state === 'pending' ? null : new Date(),
        deleted_at: state === 'archived' ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function createPlaylist(body: Record<string, unknown>): Promise<Playlist> {
    const res = await api('POST', '/api/playlists', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Playlist>();
  }
  async function add(playlistId: number, videoId: number, position?: number): Promise<number> {
    const res = await api('POST', `/api/playlists/${playlistId}/videos`, { video_id: videoId, position });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ position: number }>().position;
  }
  const order = async (playlistId: number) =>
    (await api('GET', `/api/playlists/${playlistId}/videos`))
      .json<PlaylistVideoInfo[]>()
      .map((v) => [v.id, v.position]);

  it('creates with defaults and a slug, refuses a duplicate title, updates and re-slugs', async () => {
    const p = await createPlaylist({ title: '  Road Trip 2024 ', description: 'Summer' });
    expect(p).toMatchObject({
      title: 'Road Trip 2024',
      slug: 'road-trip-2024',
      description: 'Summer',
      visibility: 'public',
      playlist_type: 'playlist',
      is_featured: false,
      video_count: 0,
      total_duration: 0,
      thumbnail_url: null,
      updated_at: null,
    });
    const dup = await api('POST', '/api/playlists', { title: 'road trip 2024!' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toEqual({ detail: 'Playlist with this title already exists' });

    const other = await createPlaylist({ title: 'Other', playlist_type: 'course', visibility: 'unlisted' });
    const put = await api('PUT', `/api/playlists/${p.id}`, { title: 'Road Trip 2025', is_featured: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ slug: 'road-trip-2025', is_featured: true, description: 'Summer' });
    expect(put.json<Playlist>().updated_at).not.toBeNull();
    const clash = await api('PUT', `/api/playlists/${other.id}`, { title: 'Road Trip 2025' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()).toEqual({ detail: 'Playlist with this title already exists' });
    // Nothing but the timestamp: still answered, updated_at bumped.
    const bump = await api('PUT', `/api/playlists/${other.id}`, {});
    expect(bump.json()).toMatchObject({ slug: 'other', playlist_type: 'course', visibility: 'unlisted' });
    expect(bump.json<Playlist>().updated_at).not.toBeNull();

    const list = (await api('GET', '/api/playlists?limit=1')).json<PlaylistPage>();
    expect(list.playlists).toHaveLength(1);
    expect(list.total_count).toBeGreaterThanOrEqual(2);
  });

  it('soft-deletes; the title can be used again (the seed index is unique over deleted rows too)', async () => {
    const first = await createPlaylist({ title: 'Phoenix' });
    expect((await api('DELETE', `/api/playlists/${first.id}`)).json()).toEqual({ status: 'ok' });
    expect((await api('GET', `/api/playlists/${first.id}`)).statusCode).toBe(404);
    expect((await api('DELETE', `/api/playlists/${first.id}`)).statusCode).toBe(404);
    const again = await createPlaylist({ title: 'Phoenix' });
    expect(again.slug).toBe('phoenix');
    expect(again.id).not.toBe(first.id);
    // And a rename onto a deleted one's slug as well.
    const third = await createPlaylist({ title: 'Ember' });
    await api('DELETE', `/api/playlists/${again.id}`);
    const renamed = await api('PUT', `/api/playlists/${third.id}`, { title: 'Phoenix' });
    expect(renamed.json()).toMatchObject({ id: third.id, slug: 'phoenix' });
    const ids = (await api('GET', '/api/playlists?limit=200'))
      .json<PlaylistPage>()
      .playlists.map((x) => x.id);
    expect(ids).not.toContain(first.id);
    expect(ids).not.toContain(again.id);
  });

  it('appends, inserts at a position, removes (compacting) and reorders; positions stay 0..n-1', async () => {
    const p = await createPlaylist({ title: 'Positions' });
    const [a, b, c, d] = [await video(), await video(), await video(), await video()];
    expect(await add(p.id, a)).toBe(0);
    expect(await add(p.id, b)).toBe(1);
    expect(await add(p.id, c, 0)).toBe(0);
    expect(await add(p.id, d, 99)).toBe(3); // past the end: appended, no gap
    expect(await order(p.id)).toEqual([
      [c, 0],
      [a, 1],
      [b, 2],
      [d, 3],
    ]);

    const again = await api('POST', `/api/playlists/${p.id}/videos`, { video_id: a });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ detail: 'Video already in playlist' });

    expect((await api('DELETE', `/api/playlists/${p.id}/videos/${a}`)).json()).toEqual({ status: 'ok' });
    expect(await order(p.id)).toEqual([
      [c, 0],
      [b, 1],
      [d, 2],
    ]);

    expect((await api('POST', `/api/playlists/${p.id}/reorder`, { video_ids: [d, c, b] })).json()).toEqual({
      status: 'ok',
    });
    expect(await order(p.id)).toEqual([
      [d, 0],
      [c, 1],
      [b, 2],
    ]);

    const bad = await api('POST', `/api/playlists/${p.id}/reorder`, { video_ids: [d, c, a] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ detail: `Missing video IDs: [${b}]; Unknown video IDs: [${a}]` });
    const twice = await api('POST', `/api/playlists/${p.id}/reorder`, { video_ids: [d, c, b, d] });
    expect(twice.json()).toEqual({ detail: `Duplicate video IDs: [${d}]` });
    expect(await order(p.id)).toEqual([
      [d, 0],
      [c, 1],
      [b, 2],
    ]);
  });

  it('concurrent appends get distinct consecutive positions', async () => {
    const p = await createPlaylist({ title: 'Race' });
    const ids = await Promise.all(Array.from({ length: 12 }, () => video()));
    const positions = await Promise.all(ids.map((id) => add(p.id, id)));
    expect([...positions].sort((x, y) => x - y)).toEqual(ids.map((_, i) => i));
    const stored = await order(p.id);
    expect(stored.map(([, pos]) => pos)).toEqual(ids.map((_, i) => i));
  });

  it('counts: the admin sees every non-deleted video, the public its public ones; private and unlisted', async () => {
    const p = await createPlaylist({ title: 'Mixed', is_featured: true });
    const [pub1, pending, archived, pub2] = [
      await video('public', 12.5),
      await video('pending', 30),
      await video('archived', 40),
      await video('public', 7.5),
    ];
    for (const id of [pub1, pending, pub2]) await add(p.id, id);
    // The archived video was in the playlist before it was deleted.
    await t.container.db
      .insertInto('playlist_items')
      .values({ playlist_id: p.id, video_id: archived, position: 3, added_at: new Date() })
      .execute();

    const admin = (await api('GET', `/api/playlists/${p.id}`)).json<PlaylistDetail>();
    expect(admin).toMatchObject({ video_count: 3, total_duration: 50 });
    expect(admin.videos.map((v) => v.id)).toEqual([pub1, pending, pub2]);
    expect(admin.thumbnail_url).toMatch(new RegExp(`^/videos/playlist-clip-\\d+/thumbnail\\.jpg\\?v=\\d+$`));
    // Reorder names only the live videos; the deleted one's item keeps its place after them.
    expect(
      (await api('POST', `/api/playlists/${p.id}/reorder`, { video_ids: [pub2, pending, pub1] })).statusCode,
    ).toBe(200);

    const pub = await publicGet('/api/playlists/mixed');
    expect(pub.statusCode, pub.body).toBe(200);
    const detail = pub.json<PlaylistDetail>();
    expect(detail).toMatchObject({ video_count: 2, total_duration: 20, is_featured: true });
    expect(detail.videos.map((v) => v.id)).toEqual([pub2, pub1]);
    expect(detail.videos[0]).toMatchObject({ status: 'ready', duration: 7.5, position: 0 });
    expect(detail.thumbnail_url).toBe(detail.videos[0]!.thumbnail_url);
    const videos = await publicGet('/api/playlists/mixed/videos');
    expect(videos.json<PlaylistVideoInfo[]>().map((v) => v.id)).toEqual([pub2, pub1]);

    const unlisted = await createPlaylist({ title: 'Hidden Gem', visibility: 'unlisted' });
    const priv = await createPlaylist({ title: 'Secret', visibility: 'private' });
    expect((await publicGet(`/api/playlists/${unlisted.slug}`)).statusCode).toBe(200);
    const privRes = await publicGet(`/api/playlists/${priv.slug}`);
    expect(privRes.statusCode).toBe(404);
    expect(privRes.json()).toEqual({ detail: 'Playlist not found' });
    expect((await publicGet(`/api/playlists/${priv.slug}/videos`)).statusCode).toBe(404);
    const listed = (await publicGet('/api/playlists?limit=100')).json<PlaylistPage>();
    const slugs = listed.playlists.map((x) => x.slug);
    expect(slugs).toContain('mixed');
    expect(slugs).not.toContain(unlisted.slug);
    expect(slugs).not.toContain(priv.slug);
    expect(listed.playlists[0]!.is_featured).toBe(true);
    expect(listed.playlists.find((x) => x.slug === 'mixed')).toMatchObject({
      video_count: 2,
      total_duration: 20,
    });
  });

  it('filters the public list by type and featured, pages it', async () => {
    await createPlaylist({ title: 'Course One', playlist_type: 'course' });
    await createPlaylist({ title: 'Series One', playlist_type: 'series', is_featured: true });
    const courses = (await publicGet('/api/playlists?playlist_type=course')).json<PlaylistPage>();
    expect(courses.playlists.length).toBeGreaterThan(0);
    expect(courses.playlists.every((x) => x.playlist_type === 'course')).toBe(true);
    expect(courses.total_count).toBe(courses.playlists.length);
    const featured = (await publicGet('/api/playlists?featured=true')).json<PlaylistPage>();
    expect(featured.playlists.map((x) => x.title)).toContain('Series One');
    expect(featured.playlists.every((x) => x.is_featured)).toBe(true);
    const page = (await publicGet('/api/playlists?limit=1&offset=1')).json<PlaylistPage>();
    expect(page.playlists).toHaveLength(1);
    expect(page.total_count).toBeGreaterThan(1);
  });

  it('bad input and missing rows: the spec texts, 400 and 404', async () => {
    const p = await createPlaylist({ title: 'Errors' });
    const v = await video();
    const archived = await video('archived');
    const cases: Array<[Method | 'PUBLIC', string, object | undefined, number, string | RegExp]> = [
      ['POST', '/api/playlists', { title: '' }, 400, /title/],
      ['POST', '/api/playlists', { title: '   ' }, 400, 'Playlist title is required'],
      ['POST', '/api/playlists', { title: 'x'.repeat(256) }, 400, /title/],
      ['POST', '/api/playlists', { title: 'Ok', description: 'x'.repeat(5001) }, 400, /description/],
      ['POST', '/api/playlists', { title: 'Ok', visibility: 'secret' }, 400, /visibility/],
      ['POST', '/api/playlists', { title: 'Ok', playlist_type: 'album' }, 400, /playlist_type/],
      ['PUT', `/api/playlists/${p.id}`, { is_featured: 'maybe' }, 400, /is_featured/],
      ['GET', '/api/playlists?limit=201', undefined, 400, /limit/],
      ['GET', '/api/playlists/0', undefined, 400, /id/],
      ['POST', `/api/playlists/${p.id}/videos`, { position: 0 }, 400, /video_id/],
      ['POST', `/api/playlists/${p.id}/videos`, { video_id: v, position: -1 }, 400, /position/],
      ['POST', `/api/playlists/${p.id}/reorder`, { video_ids: [] }, 400, /video_ids/],
      ['GET', '/api/playlists/999999', undefined, 404, 'Playlist not found'],
      ['PUT', '/api/playlists/999999', { title: 'Nope' }, 404, 'Playlist not found'],
      ['DELETE', '/api/playlists/999999', undefined, 404, 'Playlist not found'],
      ['GET', '/api/playlists/999999/videos', undefined, 404, 'Playlist not found'],
      ['POST', '/api/playlists/999999/videos', { video_id: v }, 404, 'Playlist not found'],
      ['POST', `/api/playlists/${p.id}/videos`, { video_id: 999999 }, 404, 'Video not found'],
      ['POST', `/api/playlists/${p.id}/videos`, { video_id: archived }, 404, 'Video not found'],
      ['DELETE', `/api/playlists/${p.id}/videos/${v}`, undefined, 404, 'Video not in playlist'],
      ['DELETE', `/api/playlists/999999/videos/${v}`, undefined, 404, 'Playlist not found'],
      ['POST', '/api/playlists/999999/reorder', { video_ids: [v] }, 404, 'Playlist not found'],
      [
        'PUBLIC',
        '/api/playlists?playlist_type=album',
        undefined,
        400,
        'Invalid playlist type. Valid options: playlist, collection, series, course',
      ],
      ['PUBLIC', '/api/playlists?limit=101', undefined, 400, /limit/],
      ['PUBLIC', '/api/playlists/Bad_Slug', undefined, 400, 'Invalid playlist slug'],
      ['PUBLIC', '/api/playlists/a..b/videos', undefined, 400, 'Invalid playlist slug'],
      ['PUBLIC', '/api/playlists/no-such-list', undefined, 404, 'Playlist not found'],
      ['PUBLIC', '/api/playlists/no-such-list/videos', undefined, 404, 'Playlist not found'],
    ];
    for (const [method, url, payload, status, detail] of cases) {
      const res = method === 'PUBLIC' ? await publicGet(url) : await api(method, url, payload);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status);
      const body = res.json<{ detail: string }>();
      expect(Object.keys(body), `${method} ${url}`).toEqual(['detail']);
      if (typeof detail === 'string') expect(body.detail).toBe(detail);
      else expect(body.detail).toMatch(detail);
    }
  });
});
