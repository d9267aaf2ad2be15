import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DateTime, Id, literals, Nullable, Seconds } from './common.contract.js';

/** Chapters of a video (api-admin.md §9); auto-detection (pipeline.md §15). */

/** At most this many chapters per video. */
export const MAX_CHAPTERS = 50;

export const Chapter = Type.Object({
  id: Type.Integer(),
  video_id: Type.Integer(),
  title: Type.String(),
  description: Nullable(Type.String()),
  start_time: Type.Number(),
  end_time: Nullable(Type.Number()),
  position: Type.Integer(),
  created_at: DateTime(),
  updated_at: DateTime(),
});
export type Chapter = Static<typeof Chapter>;

export const ChapterList = Type.Object({
  chapters: Type.Array(Chapter),
  video_id: Type.Integer(),
  total_count: Type.Integer(),
});
export type ChapterList = Static<typeof ChapterList>;

const Title = Type.String({ minLength: 1, maxLength: 255 });
/**
 * null first: the request validator coerces types and tries a union's members in order, so a number
 * first would turn `null` into 0 (and a string first would turn it into '').
 */
const NullOr = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Description = NullOr(Type.String({ maxLength: 1000 }));

export const ChapterCreate = Type.Object({
  title: Title,
  description: Type.Optional(Description),
  start_time: Seconds(),
  end_time: Type.Optional(NullOr(Seconds())),
});
export type ChapterCreate = Static<typeof ChapterCreate>;

/** Partial: only the fields present change (`end_time: null` clears the end). */
export const ChapterUpdate = Type.Partial(ChapterCreate);
export type ChapterUpdate = Static<typeof ChapterUpdate>;

export const ChapterReorder = Type.Object({
  chapter_ids: Type.Array(Id(), { minItems: 1, maxItems: MAX_CHAPTERS }),
});
export type ChapterReorder = Static<typeof ChapterReorder>;

export const CHAPTER_SOURCES = ['metadata', 'transcription', 'both'] as const;
export type ChapterSource = (typeof CHAPTER_SOURCES)[number];

export const AutoDetectRequest = Type.Object({
  source: literals(CHAPTER_SOURCES, { default: 'metadata' }),
  min_chapter_length: Type.Number({ minimum: 10, maximum: 600, default: 60 }),
  replace_existing: Type.Boolean({ default: false }),
});
export type AutoDetectRequest = Static<typeof AutoDetectRequest>;

export const AutoDetectResponse = Type.Object({
  video_id: Type.Integer(),
  chapters_created: Type.Integer(),
  source_used: Type.String(),
  chapters: Type.Array(Chapter),
  message: Type.String(),
});
export type AutoDetectResponse = Static<typeof AutoDetectResponse>;

export const ChapterParams = Type.Object({ id: Id(), chapter_id: Id() });
