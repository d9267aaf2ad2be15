import { describe, expect, it } from 'vitest';
import { JobEvents } from '../queue/job-events.js';
import { createMediaVisibility, isPubliclyServed, type MediaState } from './media-visibility.js';

const PUBLISHED: MediaState = { id: 1, published_at: new Date(), deleted_at: null };

/** A cache over an in-memory table whose lookups are counted; `clock.ms` is its time. */
function setup(rows: Record<string, MediaState>, ttlMs = 3000) {
  const events = new JobEvents();
  const clock = { ms: 0 };
  const asked: string[] = [];
  const visibility = createMediaVisibility({
    find: async (slug) => {
      asked.push(slug);
      return rows[slug] ?? null;
    },
    events,
    ttlMs,
    now: () => clock.ms,
  });
  return { events, clock, asked, visibility };
}

describe('isPubliclyServed', () => {
  it('published and not deleted, whatever the status', () => {
    expect(isPubliclyServed(PUBLISHED)).toBe(true);
    expect(isPubliclyServed({ ...PUBLISHED, published_at: null })).toBe(false);
    expect(isPubliclyServed({ ...PUBLISHED, deleted_at: new Date() })).toBe(false);
    expect(isPubliclyServed(null)).toBe(false);
  });
});

describe('createMediaVisibility', () => {
  it('asks once per slug per TTL, concurrent misses sharing the lookup', async () => {
    const { visibility, asked, clock } = setup({ a: PUBLISHED });
    const answers = await Promise.all(Array.from({ length: 50 }, () => visibility.isPublic('a')));
    expect(answers.every(Boolean)).toBe(true);
    clock.ms = 2999;
    expect(await visibility.isPublic('a')).toBe(true);
    expect(asked).toEqual(['a']);
    clock.ms = 3000;
    await visibility.isPublic('a');
    expect(asked).toEqual(['a', 'a']);
  });

  it('a change event for the video drops its entry at once', async () => {
    const rows = { a: { ...PUBLISHED } };
    const { visibility, events, asked } = setup(rows);
    expect(await visibility.isPublic('a')).toBe(true);
    rows.a.published_at = null;
    events.changed(2); // another video: the entry stays
    expect(await visibility.isPublic('a')).toBe(true);
    events.changed(1);
    expect(await visibility.isPublic('a')).toBe(false);
    expect(asked).toEqual(['a', 'a']);
  });

  it('a change of a video not known here drops entries cached as "no such video"', async () => {
    const rows: Record<string, MediaState> = {};
    const { visibility, events } = setup(rows);
    expect(await visibility.isPublic('new-video')).toBe(false);
    rows['new-video'] = { ...PUBLISHED, id: 7 };
    events.changed(7);
    expect(await visibility.isPublic('new-video')).toBe(true);
  });

  it('an invalid slug is refused without a lookup; a failed lookup is asked again', async () => {
    const events = new JobEvents();
    let fail = true;
    const asked: string[] = [];
    const visibility = createMediaVisibility({
      find: async (slug) => {
        asked.push(slug);
        if (fail) throw new Error('database down');
        return PUBLISHED;
      },
      events,
    });
    expect(await visibility.isPublic('Not_A_Slug')).toBe(false);
    expect(await visibility.isPublic('..')).toBe(false);
    expect(asked).toEqual([]);
    await expect(visibility.isPublic('a')).rejects.toThrow('database down');
    fail = false;
    expect(await visibility.isPublic('a')).toBe(true);
    expect(asked).toEqual(['a', 'a']);
  });
});
