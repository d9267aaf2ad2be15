// A chapter test's fixtures on the test app: videos seeded in a given state (with a source upload when
// asked), chapters added through the admin API, and what the API and the videos row then say.
import { copyFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Chapter, ChapterList } from '../../src/contracts/api/chapter.contract.js';
import { adminInject } from './admin-inject.js';
import type { TestApp } from './test-app.js';

export function chapterFixtures(t: TestApp, label: string) {
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    adminInject(t, method, url, payload);
  let seeded = 0;
  async function video(opts: { duration?: number; archived?: boolean; source?: string } = {}) {
    const slug = `chaptered-${label}-${++seeded}`;
    const row = await t.container.db
      .insertInto('videos')
      .values({
        title: `Chaptered ${seeded}`,
        slug,
        status: 'ready',
        duration: opts.duration ?? 120,
        published_at: new Date(),
        deleted_at: opts.archived ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (opts.source) await copyFile(opts.source, t.container.layout.uploadFile(row.id, '.mkv'));
    return { id: row.id, slug };
  }
  const hasChapters = async (id: number) =>
    (
      await t.container.db
        .selectFrom('videos')
        .select('has_chapters')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).has_chapters;
  async function add(id: number, body: object): Promise<Chapter> {
    const res = await api('POST', `/api/videos/${id}/chapters`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Chapter>();
  }
  const list = async (id: number) => (await api('GET', `/api/videos/${id}/chapters`)).json<ChapterList>();
  const titles = async (id: number) => (await list(id)).chapters.map((c) => c.title);
  return { api, video, hasChapters, add, list, titles };
}
