import { sql, type Kysely } from 'kysely';
import type { Database, Setting } from '../../db/database.types.js';

export type SettingRow = Setting;

/** A row as written: value and constraints already JSON text. */
export interface SettingWrite {
  key: string;
  value: string;
  category: string;
  value_type: string;
  description: string | null;
  constraints: string | null;
  updated_by: string | null;
}

/** The `settings` table (DATABASE.md): one row per key set in the database. */
export function createSettingsRepository(db: Kysely<Database>) {
  const all = () => db.selectFrom('settings').selectAll().orderBy('category').orderBy('key');

  return {
    listAll: (): Promise<SettingRow[]> => all().execute(),

    byCategory: (category: string): Promise<SettingRow[]> => all().where('category', '=', category).execute(),

    async categories(): Promise<string[]> {
      const rows = await db
        .selectFrom('settings')
        .select('category')
        .distinct()
        .orderBy('category')
        .execute();
      return rows.map((r) => r.category);
    },

    async find(key: string): Promise<SettingRow | null> {
      return (await db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst()) ?? null;
    },

    /** Null when the key exists already (the unique index decides, so concurrent creates cannot both win). */
    async insert(row: SettingWrite): Promise<SettingRow | null> {
      const inserted = await db
        .insertInto('settings')
        .values({ ...row, updated_at: sql<Date>`now()` })
        .onConflict((oc) => oc.column('key').doNothing())
        .returningAll()
        .executeTakeFirst();
      return inserted ?? null;
    },

    /** Replaces the value (and, when given, the metadata) of an existing key; null when it is gone. */
    async update(
      key: string,
      fields: Partial<Omit<SettingWrite, 'key'>> & Pick<SettingWrite, 'value' | 'updated_by'>,
    ): Promise<SettingRow | null> {
      const updated = await db
        .updateTable('settings')
        .set({ ...fields, updated_at: sql<Date>`now()` })
        .where('key', '=', key)
        .returningAll()
        .executeTakeFirst();
      return updated ?? null;
    },

    async delete(key: string): Promise<boolean> {
      const r = await db.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
