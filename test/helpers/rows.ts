// Rows a test reads back to check what the server wrote.
import type { TestApp } from './test-app.js';

/** The videos row `id` (throws when there is none). */
export const videoRow = (t: Pick<TestApp, 'container'>, id: number) =>
  t.container.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
