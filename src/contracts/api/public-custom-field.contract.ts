import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.contract.js';

/**
 * `GET /api/custom-fields?category=<slug>` on the public app: the definitions a visitor can filter by with
 * `custom.<slug>=` (the spec has no public endpoint for them; the search and category pages need one).
 * Definitions only: no ids, constraints or values.
 */
export const PublicCustomField = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  field_type: Type.String(),
  /** The choices of select and multi_select fields; null for the other types. */
  options: Nullable(Type.Array(Type.String())),
});
export type PublicCustomField = Static<typeof PublicCustomField>;

export const PublicCustomFieldList = Type.Object({ fields: Type.Array(PublicCustomField) });
export type PublicCustomFieldList = Static<typeof PublicCustomFieldList>;

export const PublicCustomFieldQuery = Type.Object({
  category: Type.Optional(Type.String({ maxLength: 100 })),
});
