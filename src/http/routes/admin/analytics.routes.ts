import type { FastifyInstance } from 'fastify';
import { IdParam } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/analytics.contract.js';
import type { AnalyticsReportService } from '../../../domain/analytics/analytics-report.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';

/** Admin analytics reports (api-admin.md §6, and the retention curve): server-cached, and `Cache-Control: private, max-age=…`. */
export function adminAnalyticsRoutes(analytics: AnalyticsReportService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['analytics']);
    fastify.addHook('onClose', () => analytics.close());
    fastify.addHook('onSend', async (_req, reply) => {
      if (reply.statusCode === 200) reply.header('cache-control', analytics.cacheControl());
    });

    app.get(
      '/api/analytics/overview',
      { schema: schema({ querystring: wire.OverviewQuery, ok: wire.AnalyticsOverview }) },
      () => analytics.overview(),
    );
    app.get(
      '/api/analytics/videos',
      { schema: schema({ querystring: wire.VideoAnalyticsQuery, ok: wire.VideoAnalyticsList }) },
      (req) =>
        analytics.videos({
          limit: req.query.limit,
          offset: req.query.offset,
          sortBy: req.query.sort_by,
          period: req.query.period,
        }),
    );
    app.get(
      '/api/analytics/videos/:id',
      { schema: schema({ ...byId, params: IdParam, ok: wire.VideoAnalyticsDetail }) },
      (req) => analytics.video(req.params.id),
    );
    app.get(
      '/api/analytics/videos/:id/retention',
      {
        schema: schema({
          ...byId,
          params: IdParam,
          querystring: wire.RetentionQuery,
          ok: wire.VideoRetention,
        }),
      },
      (req) => analytics.retention(req.params.id, req.query.buckets),
    );
    app.get(
      '/api/analytics/trends',
      { schema: schema({ querystring: wire.TrendsQuery, ok: wire.AnalyticsTrends }) },
      (req) => analytics.trends({ period: req.query.period, videoId: req.query.video_id }),
    );
  };
}
