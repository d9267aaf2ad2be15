import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SlugParam } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/video.contract.js';
import * as transcriptWire from '../../../contracts/api/transcript.contract.js';
import type { TranscriptService } from '../../../domain/transcripts/transcript.service.js';
import type { DiscoveryService } from '../../../domain/videos/discovery.service.js';
import { customFiltersOf } from '../../../domain/videos/public-list-filters.js';
import type { VideoService } from '../../../domain/videos/video.service.js';
import { routeSchemas } from '../../schemas/route-schema.js';

export function publicVideoRoutes(
  videos: VideoService,
  discovery: DiscoveryService,
  transcripts: Pick<TranscriptService, 'getPublic'>,
) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['videos'] });
    const bySlug = { params: SlugParam, fails: [404] };
    app.get(
      '/api/videos',
      {
        config: { rateLimit: 'publicList' },
        schema: schema({
          summary: 'List published videos',
          description:
            'Filters combine (AND); `custom.<field slug>=<value>` filters by a custom field (any number). ' +
            '`search` ranks by relevance and adds `search_snippet` to each item.',
          querystring: wire.PublicVideoListQuery,
          ok: wire.PublicVideoPage,
        }),
      },
      (req) => {
        const q = req.query;
        return discovery.list({
          category: q.category,
          tag: q.tag,
          search: q.search?.trim() || undefined,
          duration: q.duration,
          quality: q.quality,
          dateFrom: q.date_from,
          dateTo: q.date_to,
          hasTranscription: q.has_transcription,
          featured: q.featured,
          custom: customFiltersOf(q, wire.CUSTOM_FILTER_PREFIX),
          sort: q.sort,
          order: q.order,
          limit: q.limit,
          offset: q.offset,
          cursor: q.cursor,
          includeTotal: q.include_total,
        });
      },
    );
    // Registered as a static path, so `bulk` is never read as a video slug.
    app.get(
      '/api/videos/bulk',
      {
        schema: schema({
          summary: 'Published videos by id (at most 20), in the order asked',
          querystring: wire.BulkVideoQuery,
          ok: wire.VideoList,
        }),
      },
      (req) => discovery.bulk(req.query.ids),
    );
    app.get(
      '/api/videos/:slug',
      { schema: schema({ summary: 'A published video', ...bySlug, ok: wire.VideoDetail }) },
      (req) => videos.getPublic(req.params.slug),
    );
    app.get(
      '/api/videos/:slug/related',
      {
        schema: schema({
          summary: 'Videos related to a published video (same category and tags first)',
          ...bySlug,
          querystring: wire.RelatedVideoQuery,
          ok: wire.VideoList,
        }),
      },
      (req) => discovery.related(req.params.slug, req.query.limit),
    );
    app.get(
      '/api/videos/:slug/progress',
      { schema: schema({ summary: 'Transcoding progress', ...bySlug, ok: wire.TranscodingProgress }) },
      (req) => videos.publicProgress(req.params.slug),
    );
    app.get(
      '/api/videos/:slug/transcript',
      {
        schema: schema({
          summary: 'The transcript of a video (published or not; not archived)',
          description: '`{"status":"none"}` (other fields null) without one; `vtt_url` only when completed.',
          ...bySlug,
          ok: transcriptWire.Transcript,
        }),
      },
      (req) => transcripts.getPublic(req.params.slug),
    );
  };
}
