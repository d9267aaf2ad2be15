import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id } from './common.contract.js';

/** Tags and a video's tags (api-admin.md §4, §5.6; api-public.md §4.3). */

export const Tag = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  created_at: DateTime(),
  video_count: Type.Integer(),
});
export type Tag = Static<typeof Tag>;
export const TagList = Type.Array(Tag);

export const TagRef = Type.Object({ id: Type.Integer(), name: Type.String(), slug: Type.String() });
export type TagRef = Static<typeof TagRef>;
export const TagRefList = Type.Array(TagRef);

export const TagName = Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }) });
export type TagName = Static<typeof TagName>;

export const VideoTagsBody = Type.Object({ tag_ids: Type.Array(Id(), { maxItems: 20 }) });
export type VideoTagsBody = Static<typeof VideoTagsBody>;

export const VideoTagParams = Type.Object({ id: Id(), tag_id: Id() });
