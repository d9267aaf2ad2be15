import {
  MAX_CHAPTERS,
  type AutoDetectRequest,
  type ChapterCreate,
  type ChapterUpdate,
} from '../../contracts/api/chapter.contract.js';
import type { EmbeddedChapter } from '../../media/chapter-probe.js';
import { badRequest, conflict, notFound } from '../shared/errors.js';
import { filterDetectedChapters } from './chapter-detection.js';
import { createChapterDetector } from './chapter-detector.js';
import type { ChapterRepository, ChapterRow, ChapterValues } from './chapter.repository.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toChapterResponse(c: ChapterRow) {
  return {
    id: c.id,
    video_id: c.video_id ?? 0,
    title: c.title,
    description: c.description,
    start_time: c.start_time,
    end_time: c.end_time,
    position: c.position ?? 0,
    created_at: iso(c.created_at),
    updated_at: iso(c.updated_at),
  };
}

type Video = NonNullable<Awaited<ReturnType<ChapterRepository['activeVideo']>>>;

function requireTitle(raw: string): string {
  const title = raw.trim();
  if (!title) throw badRequest('Chapter title is required');
  return title;
}

/** The times a chapter may have in this video: start before the duration (when known), end after start. */
function checkTimes(video: Video, start: number, end: number | null): void {
  const duration = video.duration ?? 0;
  if (duration > 0 && start >= duration)
    throw badRequest(`Start time (${start}s) must be before the video's duration (${duration}s)`);
  if (end !== null && end <= start) throw badRequest('End time must be after start time');
}

const described = (d: string | null | undefined) => (d?.trim() ? d.trim() : null);

/** Chapters of a video (api-admin.md §9) and their detection from the source's metadata (pipeline.md §15). */
export function createChapterService(deps: {
  chapters: ChapterRepository;
  /** The video's source upload, if it still has one. */
  findSource: (videoId: number) => Promise<string | null>;
  /** Reads the chapters embedded in a media file (media/chapter-probe.ts). */
  readEmbedded: (file: string, signal: AbortSignal) => Promise<EmbeddedChapter[]>;
  /** The whole detection's limit (the spec's 60 s → 504). */
  detectTimeoutMs?: number;
}) {
  const { chapters } = deps;
  const detector = createChapterDetector({ ...deps, timeoutMs: deps.detectTimeoutMs ?? 60_000 });

  async function requireVideo(videoId: number): Promise<Video> {
    const video = await chapters.activeVideo(videoId);
    if (!video) throw notFound('Video not found');
    return video;
  }

  async function requireChapter(videoId: number, chapterId: number): Promise<ChapterRow> {
    const chapter = await chapters.find(videoId, chapterId);
    if (!chapter) throw notFound('Chapter not found');
    return chapter;
  }

  return {
    async list(videoId: number) {
      await requireVideo(videoId);
      const rows = await chapters.list(videoId);
      return { chapters: rows.map(toChapterResponse), video_id: videoId, total_count: rows.length };
    },

    /** The detail pages' chapter list (api-public.md §4.2): read only when the video says it has some. */
    marks: (video: { id: number; has_chapters: boolean | null }) =>
      video.has_chapters ? chapters.marks(video.id) : Promise.resolve([]),

    async get(videoId: number, chapterId: number) {
      await requireVideo(videoId);
      return toChapterResponse(await requireChapter(videoId, chapterId));
    },

    async create(videoId: number, body: ChapterCreate) {
      const video = await requireVideo(videoId);
      const values: ChapterValues = {
        title: requireTitle(body.title),
        description: described(body.description),
        start_time: body.start_time,
        end_time: body.end_time ?? null,
      };
      checkTimes(video, values.start_time, values.end_time);
      const row = await chapters.insert(videoId, values, MAX_CHAPTERS);
      if (!row) throw badRequest(`Maximum chapters per video (${MAX_CHAPTERS}) reached`);
      return toChapterResponse(row);
    },

    async update(videoId: number, chapterId: number, body: ChapterUpdate) {
      const video = await requireVideo(videoId);
      const existing = await requireChapter(videoId, chapterId);
      const patch: Partial<ChapterValues> = {};
      if (body.title !== undefined) patch.title = requireTitle(body.title);
      if (body.description !== undefined) patch.description = described(body.description);
      if (body.start_time !== undefined) patch.start_time = body.start_time;
      if (body.end_time !== undefined) patch.end_time = body.end_time;
      checkTimes(video, patch.start_time ?? existing.start_time, patch.end_time ?? existing.end_time);
      const row = await chapters.update(videoId, chapterId, patch);
      if (!row) throw notFound('Chapter not found');
      return toChapterResponse(row);
    },

    async delete(videoId: number, chapterId: number) {
      await requireVideo(videoId);
      if (!(await chapters.delete(videoId, chapterId))) throw notFound('Chapter not found');
      return { status: 'ok', message: 'Chapter deleted' };
    },

    async reorder(videoId: number, chapterIds: number[]) {
      await requireVideo(videoId);
      const duplicates = [...new Set(chapterIds.filter((id, i) => chapterIds.indexOf(id) !== i))];
      if (duplicates.length > 0) throw badRequest(`Duplicate chapter IDs: [${duplicates.join(', ')}]`);
      const { missing, unknown } = await chapters.reorder(videoId, chapterIds);
      if (missing.length > 0 || unknown.length > 0)
        throw badRequest(
          `Missing chapter IDs: [${missing.join(', ')}]; Invalid chapter IDs: [${unknown.join(', ')}]`,
        );
      return this.list(videoId);
    },

    async autoDetect(videoId: number, request: AutoDetectRequest) {
      const video = await requireVideo(videoId);
      const existing = (await chapters.list(videoId)).length;
      if (existing > 0 && !request.replace_existing)
        throw badRequest(
          `Video already has ${existing} chapter(s). Set replace_existing to true to replace them.`,
        );
      const { found, sourceUsed } = await detector.detect(
        videoId,
        request.source,
        request.min_chapter_length,
      );
      const kept = filterDetectedChapters(found, {
        minLength: request.min_chapter_length,
        duration: video.duration ?? 0,
        max: MAX_CHAPTERS,
      });
      const values = kept.map((c) => ({
        title: c.title,
        description: null,
        start_time: c.start,
        end_time: c.end,
      }));
      const rows = await chapters.replaceAll(videoId, values, request.replace_existing);
      if (rows === 'busy')
        throw conflict('Chapters of this video are being changed by another request; try again');
      if (rows === 'changed')
        throw conflict('Chapters were added while detecting; try again with replace_existing');
      return {
        video_id: videoId,
        chapters_created: rows.length,
        source_used: sourceUsed,
        chapters: rows.map(toChapterResponse),
        message: `Created ${rows.length} chapter(s) from ${sourceUsed}`,
      };
    },
  };
}

export type ChapterService = ReturnType<typeof createChapterService>;
