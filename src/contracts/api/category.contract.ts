import { Type, type Static } from '@sinclair/typebox';
import { DateTime } from './common.contract.js';

/** Categories (api-public.md §3, api-admin.md §6). */

export const Category = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  created_at: DateTime(),
  video_count: Type.Integer(),
});
export type Category = Static<typeof Category>;

export const CategoryList = Type.Array(Category);

export const CategoryCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.String({ maxLength: 1000, default: '' }),
});
export type CategoryCreate = Static<typeof CategoryCreate>;

/** Rename or re-describe (not in the reference, which has no category update; the admin UI renames). */
export const CategoryUpdate = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type CategoryUpdate = Static<typeof CategoryUpdate>;
