import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Int4, literals, Nullable } from './common.contract.js';
import { BulkResponse, BulkVideoIds } from './video-bulk.contract.js';

/** Custom field definitions and a video's values (api-admin.md §7), and the bulk setter (§5.9). */

export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'multi_select', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const FieldTypeSchema = literals(FIELD_TYPES);

/** Longest accepted `pattern`: with the match time limit, what keeps a hostile regex cheap (ReDoS). */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_OPTIONS = 100;

/** Bounds of a number field's min/max: integers stay exact in a double. */
const LIMIT = Number.MAX_SAFE_INTEGER;

export const FieldConstraints = Type.Object({
  min: Type.Optional(Type.Number({ minimum: -LIMIT, maximum: LIMIT })),
  max: Type.Optional(Type.Number({ minimum: -LIMIT, maximum: LIMIT })),
  min_length: Type.Optional(Int4({ minimum: 0 })),
  max_length: Type.Optional(Int4({ minimum: 0 })),
  pattern: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_PATTERN_LENGTH })),
});
export type FieldConstraints = Static<typeof FieldConstraints>;

const Options = Type.Array(Type.String({ maxLength: 100 }), { maxItems: MAX_OPTIONS });

export const CustomField = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  field_type: FieldTypeSchema,
  options: Nullable(Type.Array(Type.String())),
  required: Type.Boolean(),
  category_id: Nullable(Type.Integer()),
  category_name: Nullable(Type.String()),
  position: Type.Integer(),
  constraints: Nullable(FieldConstraints),
  description: Nullable(Type.String()),
  created_at: DateTime(),
  /** Videos with a value of this field (beyond the reference: the admin UI's delete confirmation names it). */
  video_count: Type.Integer(),
});
export type CustomField = Static<typeof CustomField>;

export const CustomFieldList = Type.Object({ fields: Type.Array(CustomField), total_count: Type.Integer() });
export type CustomFieldList = Static<typeof CustomFieldList>;

/** `category_id`: absent ⇒ every field; 0 ⇒ global fields only; N ⇒ global fields and those of category N. */
export const CustomFieldQuery = Type.Object({ category_id: Type.Optional(Int4({ minimum: 0 })) });

export const CustomFieldCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  field_type: FieldTypeSchema,
  options: Type.Optional(Nullable(Options)),
  required: Type.Boolean({ default: false }),
  category_id: Type.Optional(Nullable(Id())),
  position: Int4({ minimum: 0, default: 0 }),
  constraints: Type.Optional(Nullable(FieldConstraints)),
  description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
});
export type CustomFieldCreate = Static<typeof CustomFieldCreate>;

/** Type and category are fixed once created. */
export const CustomFieldUpdate = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  options: Type.Optional(Nullable(Options)),
  required: Type.Optional(Type.Boolean()),
  position: Type.Optional(Int4({ minimum: 0 })),
  constraints: Type.Optional(Nullable(FieldConstraints)),
  description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
});
export type CustomFieldUpdate = Static<typeof CustomFieldUpdate>;

export const CustomFieldDeleted = Type.Object({ status: Type.String(), affected_videos: Type.Integer() });

/** `{"<field_id>": value | null}`: null deletes the value. */
export const FieldValues = Type.Record(Type.String(), Type.Unknown());
export type FieldValues = Static<typeof FieldValues>;
export const VideoCustomFieldsBody = Type.Object({ values: FieldValues });

/** One field of a video: its definition's essentials and the value (null when unset). */
export const VideoCustomFieldView = Type.Object({
  field_id: Type.Integer(),
  field_slug: Type.String(),
  field_name: Type.String(),
  field_type: FieldTypeSchema,
  value: Type.Unknown(),
  required: Type.Boolean(),
  options: Nullable(Type.Array(Type.String())),
  constraints: Nullable(FieldConstraints),
  description: Nullable(Type.String()),
});
export type VideoCustomFieldView = Static<typeof VideoCustomFieldView>;

export const VideoCustomFields = Type.Object({
  video_id: Type.Integer(),
  fields: Type.Array(VideoCustomFieldView),
});
export type VideoCustomFields = Static<typeof VideoCustomFields>;

export const BulkCustomFieldsBody = Type.Object({ video_ids: BulkVideoIds, values: FieldValues });
export type BulkCustomFieldsBody = Static<typeof BulkCustomFieldsBody>;

export const BulkCustomFieldsResult = BulkResponse('updated');
export type BulkCustomFieldsResult = Static<typeof BulkCustomFieldsResult>;
