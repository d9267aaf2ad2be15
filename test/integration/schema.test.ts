/**
 * The migrated schema must equal the seed contract (docs/seed-schema.md) exactly, on PostgreSQL and
 * on embedded PGlite: tables, columns (type, nullability, default, uniqueness, foreign key and its
 * ON DELETE action), primary keys, named indexes (columns, uniqueness, partial predicate) and
 * unique/check constraints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.types.js';
import { createTestDb, type TestDatabase } from '../helpers/test-db.js';
import { introspectSchema } from '../schema/introspect.js';
import type { TableSchema } from '../schema/schema-model.js';
import { sortSchema } from '../schema/schema-model.js';
import { loadSeedSchema } from '../schema/seed-parser.js';

/** Bookkeeping table of src/db/migrate.ts, not part of the seed. */
const RUNNER_TABLES = new Set(['vlog_migrations']);

const seed = sortSchema(await loadSeedSchema());
const seedByName = new Map(seed.map((t) => [t.name, t]));
const seedTableNames = seed.map((t) => t.name);

// Compile-time: exactly the tables of the Kysely Database interface (a missing or extra key fails tsc).
const typedTables: Record<keyof Database, true> = {
  categories: true,
  videos: true,
  video_qualities: true,
  viewers: true,
  playback_sessions: true,
  transcoding_jobs: true,
  quality_progress: true,
  transcriptions: true,
  workers: true,
  worker_api_keys: true,
  admin_sessions: true,
  settings: true,
  tags: true,
  video_tags: true,
  playlists: true,
  playlist_items: true,
  chapters: true,
  sprite_queue: true,
  custom_field_definitions: true,
  video_custom_fields: true,
  video_search_documents: true,
  video_view_counts: true,
  search_words: true,
  webhooks: true,
  webhook_deliveries: true,
  reencode_queue: true,
  deployment_events: true,
};

const table = (name: string): TableSchema => seedByName.get(name) ?? expect.fail(`no seed table ${name}`);
const column = (t: string, c: string) => table(t).columns.find((x) => x.name === c);

describe('seed parser', () => {
  it('finds the 27 tables and all their columns', () => {
    expect(seed).toHaveLength(27);
    expect(seed.reduce((n, t) => n + t.columns.length, 0)).toBe(243);
    expect(table('videos').columns).toHaveLength(27);
    expect(table('transcoding_jobs').columns).toHaveLength(16);
    expect(seed.reduce((n, t) => n + t.indexes.length, 0)).toBe(62);
    expect(seed.reduce((n, t) => n + t.constraints.length, 0)).toBe(17);
    // Every table but the one-column word list has several columns (a parsing slip would lose rows).
    for (const t of seed) expect(t.columns.length, t.name).toBeGreaterThan(t.name === 'search_words' ? 0 : 1);
  });

  it('reads types, defaults, keys and constraints from the document', () => {
    expect(column('videos', 'id')).toEqual({
      name: 'id',
      type: 'integer',
      nullable: false,
      default: "nextval('videos_id_seq')",
      unique: false,
      fk: null,
    });
    expect(column('videos', 'category_id')?.fk).toEqual({
      table: 'categories',
      column: 'id',
      onDelete: 'NO ACTION',
    });
    expect(column('videos', 'streaming_format')).toMatchObject({ nullable: false, default: "'hls_ts'" });
    expect(column('playback_sessions', 'viewer_id')?.fk?.onDelete).toBe('SET NULL');
    expect(column('transcoding_jobs', 'started_at')?.type).toBe('timestamp without time zone');
    expect(column('chapters', 'start_time')).toMatchObject({ type: 'double precision', nullable: false });
    // video_qualities' constraints cells are shifted into the description column in the seed.
    expect(column('video_qualities', 'quality')).toMatchObject({
      type: 'character varying(10)',
      nullable: true,
    });
    expect(table('video_tags').primaryKey).toEqual(['video_id', 'tag_id']);
    expect(table('tags').indexes).toEqual([
      { name: 'ix_tags_slug', columns: ['slug'], unique: true, predicate: null },
    ]);
    expect(table('sprite_queue').constraints.map((c) => c.expression)).toEqual([
      "priority in ['high', 'normal', 'low']",
      "status in ['pending', 'processing', 'completed', 'failed', 'cancelled']",
    ]);
    expect(table('sprite_queue').indexes.find((i) => i.name === 'ix_sprite_queue_pending_priority')).toEqual({
      name: 'ix_sprite_queue_pending_priority',
      columns: ['priority', 'created_at'],
      unique: false,
      predicate: "status = 'pending'",
    });
  });

  it('matches the Kysely Database interface table for table', () => {
    expect(Object.keys(typedTables).sort()).toEqual(seedTableNames);
  });
});

describe.each(['pglite', 'postgres'] as const)('migrated schema on %s', (driver) => {
  let handle: TestDatabase | undefined;
  let actual = new Map<string, TableSchema>();

  beforeAll(async () => {
    handle = await createTestDb(driver);
    const tables = await introspectSchema(handle.db);
    actual = new Map(sortSchema(tables.filter((t) => !RUNNER_TABLES.has(t.name))).map((t) => [t.name, t]));
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('has exactly the seed tables', () => {
    expect([...actual.keys()]).toEqual(seedTableNames);
  });

  it.each(seedTableNames)('%s matches the seed', (name) => {
    const expected = table(name);
    const got = actual.get(name);
    expect(got, `table ${name} is missing`).toBeDefined();
    // One assertion per aspect, so a failure names what drifted and shows a focused diff.
    expect(
      got!.columns.map((c) => c.name),
      'column set',
    ).toEqual(expected.columns.map((c) => c.name));
    for (const col of expected.columns) {
      expect(
        got!.columns.find((c) => c.name === col.name),
        `column ${name}.${col.name}`,
      ).toEqual(col);
    }
    expect(got!.primaryKey, 'primary key').toEqual(expected.primaryKey);
    expect(got!.indexes, 'indexes').toEqual(expected.indexes);
    expect(got!.constraints, 'unique and check constraints').toEqual(expected.constraints);
  });
});
