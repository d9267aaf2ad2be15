import type { Kysely } from 'kysely';
import type { AdminSession, Database } from '../../db/database.types.js';

export interface NewSession {
  token: string;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

export function createAdminSessionRepository(db: Kysely<Database>) {
  return {
    async insert(s: NewSession): Promise<void> {
      await db
        .insertInto('admin_sessions')
        .values({
          session_token: s.token,
          created_at: new Date(),
          expires_at: s.expiresAt,
          last_used_at: new Date(),
          ip_address: s.ipAddress?.slice(0, 45) ?? null,
          user_agent: s.userAgent?.slice(0, 512) ?? null,
        })
        .execute();
    },

    /** The live session for a token, refreshing last_used_at; null when unknown or expired. */
    async touchValid(token: string): Promise<AdminSession | null> {
      const row = await db
        .updateTable('admin_sessions')
        .set({ last_used_at: new Date() })
        .where('session_token', '=', token)
        .where('expires_at', '>', new Date())
        .returningAll()
        .executeTakeFirst();
      return row ?? null;
    },

    async delete(token: string): Promise<void> {
      await db.deleteFrom('admin_sessions').where('session_token', '=', token).execute();
    },

    async deleteExpired(): Promise<number> {
      const r = await db
        .deleteFrom('admin_sessions')
        .where('expires_at', '<=', new Date())
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type AdminSessionRepository = ReturnType<typeof createAdminSessionRepository>;
