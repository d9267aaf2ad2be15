import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  CustomFieldDefinitionUpdate,
  Database,
  NewCustomFieldDefinition,
} from '../../db/database.types.js';
import { encodeValue, toFieldDefinition, type FieldDefinition } from './custom-field.mapper.js';

/** Which definitions a list holds: every one, the global ones, or the global ones and a category's. */
export type FieldScope = { kind: 'all' } | { kind: 'global' } | { kind: 'category'; categoryId: number };

/** A video as the value setters see it. */
export interface FieldVideo {
  id: number;
  category_id: number | null;
  deleted: boolean;
}

/** SQL for custom_field_definitions and video_custom_fields. */
export function createCustomFieldRepository(db: Kysely<Database>) {
  /** `withCounts`: how many videos hold a value (the admin's delete confirmation); the public list skips it. */
  const definitions = (withCounts = true) =>
    db
      .selectFrom('custom_field_definitions as f')
      .leftJoin('categories as c', 'c.id', 'f.category_id')
      .selectAll('f')
      .select('c.name as category_name')
      .$if(withCounts, (q) =>
        q.select((eb) =>
          eb
            .selectFrom('video_custom_fields as vcf')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('vcf.field_id', '=', 'f.id')
            .as('video_count'),
        ),
      );

  async function list(scope: FieldScope, options: { withCounts?: boolean } = {}): Promise<FieldDefinition[]> {
    let q = definitions(options.withCounts);
    if (scope.kind === 'global') q = q.where('f.category_id', 'is', null);
    if (scope.kind === 'category')
      q = q.where((eb) =>
        eb.or([eb('f.category_id', 'is', null), eb('f.category_id', '=', scope.categoryId)]),
      );
    const rows = await q.orderBy('f.position').orderBy('f.name').orderBy('f.id').execute();
    return rows.map(toFieldDefinition);
  }

  /** Writes a video's values: null deletes, anything else is upserted as JSON text. */
  async function writeValues(
    trx: Transaction<Database>,
    videoId: number,
    entries: ReadonlyArray<{ field: { id: number }; value: unknown }>,
  ): Promise<void> {
    const removed = entries.filter((e) => e.value === null).map((e) => e.field.id);
    const kept = entries.filter((e) => e.value !== null);
    if (removed.length > 0)
      await trx
        .deleteFrom('video_custom_fields')
        .where('video_id', '=', videoId)
        .where('field_id', 'in', removed)
        .execute();
    if (kept.length > 0)
      await trx
        .insertInto('video_custom_fields')
        .values(kept.map((e) => ({ video_id: videoId, field_id: e.field.id, value: encodeValue(e.value) })))
        .onConflict((oc) => oc.columns(['video_id', 'field_id']).doUpdateSet({ value: sql`excluded.value` }))
        .execute();
  }

  return {
    list,

    async find(id: number): Promise<FieldDefinition | null> {
      const row = await definitions().where('f.id', '=', id).executeTakeFirst();
      return row ? toFieldDefinition(row) : null;
    },

    /** Inserts unless the slug is taken in the same scope (null then: the unique constraint decides). */
    async insert(values: NewCustomFieldDefinition): Promise<number | null> {
      const row = await db
        .insertInto('custom_field_definitions')
        .values(values)
        .onConflict((oc) => oc.constraint('uq_custom_field_slug_category').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** Whether another field of the same scope (category, or global when null) has this slug. */
    async slugTaken(slug: string, categoryId: number | null, exceptId: number): Promise<boolean> {
      const r = await db
        .selectFrom('custom_field_definitions')
        .select('id')
        .where('slug', '=', slug)
        .where('category_id', categoryId === null ? 'is' : '=', categoryId)
        .where('id', '!=', exceptId)
        .executeTakeFirst();
      return r !== undefined;
    },

    async update(id: number, values: CustomFieldDefinitionUpdate): Promise<void> {
      await db.updateTable('custom_field_definitions').set(values).where('id', '=', id).execute();
    },

    /** Deletes the field (its values cascade); returns how many videos had a value, or null if none such. */
    async delete(id: number): Promise<number | null> {
      return db.transaction().execute(async (trx) => {
        const counted = await trx
          .selectFrom('video_custom_fields')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('field_id', '=', id)
          .executeTakeFirstOrThrow();
        const r = await trx.deleteFrom('custom_field_definitions').where('id', '=', id).executeTakeFirst();
        return Number(r.numDeletedRows) > 0 ? Number(counted.n) : null;
      });
    },

    async videos(ids: number[]): Promise<FieldVideo[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('videos')
        .select(['id', 'category_id', 'deleted_at'])
        .where('id', 'in', ids)
        .execute();
      return rows.map((r) => ({ id: r.id, category_id: r.category_id, deleted: r.deleted_at !== null }));
    },

    async values(videoId: number): Promise<Array<{ field_id: number; value: string | null }>> {
      return db
        .selectFrom('video_custom_fields')
        .select(['field_id', 'value'])
        .where('video_id', '=', videoId)
        .execute();
    },

    /**
     * Writes one video's values in a transaction with the video row locked; false when the video is gone
     * (or archived, unless `archived` allows it) by then: a bulk run does not write to a video deleted meanwhile.
     */
    async setValues(
      videoId: number,
      entries: ReadonlyArray<{ field: { id: number }; value: unknown }>,
      options: { archived: boolean },
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const video = await trx
          .selectFrom('videos')
          .select('deleted_at')
          .where('id', '=', videoId)
          .forUpdate()
          .executeTakeFirst();
        if (!video || (video.deleted_at !== null && !options.archived)) return false;
        await writeValues(trx, videoId, entries);
        return true;
      });
    },
  };
}

export type CustomFieldRepository = ReturnType<typeof createCustomFieldRepository>;
