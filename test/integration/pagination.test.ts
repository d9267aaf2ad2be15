// Keyset pagination (public by published_at, admin by created_at) returns every row exactly once,
// also when many rows share the same timestamp.
import { beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';

describe.each(DRIVERS)('cursor pagination on %s', (driver) => {
  const t = useTestApp(driver);
  const ids: number[] = [];
  beforeAll(async () => {
    const base = Date.UTC(2026, 0, 1, 12, 0, 0);
    for (let i = 0; i < 23; i++) {
      // Groups of five share a timestamp (microseconds apart within a group), to exercise ties.
      const at = new Date(base + Math.floor(i / 5) * 1000);
      const row = await t.container.db
        .insertInto('videos')
        .values({
          title: `Video ${i}`,
          slug: `video-${i}`,
          status: 'ready',
          created_at: at,
          published_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
  });

  async function walk(app: TestApp['publicApp'], url: string, headers: Record<string, string> = {}) {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res = await app.inject({
        method: 'GET',
        url: `${url}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        videos: Array<{ id: number }>;
        next_cursor: string | null;
        has_more: boolean;
      };
      seen.push(...body.videos.map((v) => v.id));
      expect(body.has_more).toBe(body.next_cursor !== null);
      if (!body.next_cursor) break;
      cursor = body.next_cursor;
    }
    return seen;
  }

  it('public list visits every published video once, newest first', async () => {
    const seen = await walk(t.publicApp, '/api/videos?sort=date&order=desc');
    expect(seen).toHaveLength(ids.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(seen[0]).toBe(ids.at(-1));
  });

  it('public list in ascending order too', async () => {
    const seen = await walk(t.publicApp, '/api/videos?sort=date&order=asc');
    expect(seen).toEqual([...ids]);
  });

  it('admin list visits every video once', async () => {
    const seen = await walk(t.adminApp, '/api/videos?include_total=true', {
      'x-admin-secret': TEST_ADMIN_SECRET,
    });
    expect(seen).toEqual([...ids].reverse());
  });

  it('lists not ordered by date page by offset and offer no cursor', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/api/videos?sort=title&order=asc&limit=4' });
    const body = res.json() as { next_cursor: string | null; has_more: boolean };
    expect(body).toMatchObject({ next_cursor: null, has_more: true });
  });

  it('an invalid cursor is ignored rather than failing', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/api/videos?limit=2&cursor=not-a-cursor' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { videos: unknown[] }).videos).toHaveLength(2);
  });
});
