import {
  EXPORT_COLUMNS,
  type ExportedVideo,
  type VideoExport,
  type VideoExportQuery,
} from '../../../contracts/api/video-export.contract.js';
import type { VideoExportRepository } from './video-export.repository.js';
import { toCsv } from './video-export.csv.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The admin's export of the video catalogue (api-admin.md §5.1), as JSON or CSV. */
export function createVideoExportService(deps: { exports: VideoExportRepository; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    async export(q: Omit<VideoExportQuery, 'format'>): Promise<VideoExport> {
      const filter = { status: q.status, categoryId: q.category_id, includeDeleted: q.include_deleted };
      const { rows, total } = await deps.exports.page(filter, q);
      const videos: ExportedVideo[] = rows.map((r) => ({
        ...r,
        description: r.description ?? '',
        duration: Number(r.duration ?? 0),
        source_width: r.source_width ?? 0,
        source_height: r.source_height ?? 0,
        status: r.status ?? 'pending',
        created_at: iso(r.created_at),
        published_at: iso(r.published_at),
      }));
      return { videos, total_count: total, exported_at: now().toISOString() };
    },

    toCsv: (exported: VideoExport): string => toCsv(EXPORT_COLUMNS, exported.videos),

    /** `vlog-videos-<YYYY-MM-DD>.<ext>`, the date of the export. */
    fileName: (exported: VideoExport, ext: string) =>
      `vlog-videos-${exported.exported_at.slice(0, 10)}.${ext}`,
  };
}

export type VideoExportService = ReturnType<typeof createVideoExportService>;
