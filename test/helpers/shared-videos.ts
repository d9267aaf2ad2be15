// Public and unpublished videos written straight into a database for the sharing tests (link previews,
// oEmbed, sitemap), with a real JPEG thumbnail of a known size where asked. No streams: these tests read
// what is said about a video, not its playback.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestApp } from './test-app.js';

export interface SharedVideoFixture {
  title: string;
  slug: string;
  description?: string;
  status?: 'ready' | 'processing' | 'pending';
  published?: boolean;
  deleted?: boolean;
  duration?: number;
  source?: { width: number; height: number };
  /** Writes videos/{slug}/thumbnail.jpg of this size. */
  thumbnail?: { width: number; height: number };
  publishedAt?: Date;
  category?: string;
  tags?: string[];
}

export async function writeJpeg(file: string, size: { width: number; height: number }): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await promisify(execFile)('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=navy:size=${size.width}x${size.height}`,
    '-frames:v',
    '1',
    file,
  ]);
}

async function idOfNamed(t: TestApp, table: 'categories' | 'tags', name: string): Promise<number> {
  const db = t.container.db;
  const found = await db.selectFrom(table).select('id').where('slug', '=', name).executeTakeFirst();
  if (found) return found.id;
  const row = await db
    .insertInto(table)
    .values({ name, slug: name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts the video (and its category, tags and thumbnail); its id. */
export async function insertSharedVideo(t: TestApp, v: SharedVideoFixture): Promise<number> {
  const db = t.container.db;
  const published = v.published ?? true;
  const row = await db
    .insertInto('videos')
    .values({
      title: v.title,
      slug: v.slug,
      description: v.description ?? '',
      status: v.status ?? 'ready',
      duration: v.duration ?? 0,
      source_width: v.source?.width ?? null,
      source_height: v.source?.height ?? null,
      published_at: published ? (v.publishedAt ?? new Date()) : null,
      deleted_at: v.deleted ? new Date() : null,
      category_id: v.category ? await idOfNamed(t, 'categories', v.category) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const tag of v.tags ?? []) {
    await db
      .insertInto('video_tags')
      .values({ video_id: row.id, tag_id: await idOfNamed(t, 'tags', tag) })
      .execute();
  }
  if (v.thumbnail) await writeJpeg(t.container.layout.thumbnailFile(v.slug), v.thumbnail);
  return row.id;
}
