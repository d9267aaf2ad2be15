import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { StatusOk } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/analytics.contract.js';
import { asksNotToBeTracked } from '../../../domain/analytics/tracking-rules.js';
import type { TrackingService, ViewerSignals } from '../../../domain/analytics/tracking.service.js';
import { routeSchemas } from '../../schemas/route-schema.js';

export const VIEWER_COOKIE = 'vlog_viewer';
const ONE_YEAR_SECONDS = 31_536_000;

/**
 * Viewer tracking (api-public.md §4.7), rate limit ANA. `navigator.sendBeacon` posts a string as
 * `text/plain`, so JSON in a text/plain body is read as JSON here (only in this plugin).
 */
export function publicAnalyticsRoutes(tracking: TrackingService, options: { secureCookies: boolean }) {
  return async (fastify: FastifyInstance) => {
    fastify.removeContentTypeParser('text/plain');
    fastify.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }), undefined);
      }
    });
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['analytics'] });
    const config = { rateLimit: 'publicAnalytics' as const };
    const signals = (req: FastifyRequest): ViewerSignals => ({
      viewerCookie: req.cookies[VIEWER_COOKIE],
      doNotTrack: asksNotToBeTracked(req.headers),
    });
    const setViewerCookie = (reply: FastifyReply, value: string) =>
      reply.setCookie(VIEWER_COOKIE, value, {
        path: '/',
        maxAge: ONE_YEAR_SECONDS,
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
      });

    app.post(
      '/api/analytics/session',
      { config, schema: schema({ body: wire.StartSessionBody, ok: wire.SessionStarted, fails: [404] }) },
      async (req, reply) => {
        const { video_id, quality, position } = req.body;
        const started = await tracking.start({ videoId: video_id, quality, position }, signals(req));
        if (started.newViewerCookie) setViewerCookie(reply, started.newViewerCookie);
        return { session_token: started.sessionToken };
      },
    );
    app.post(
      '/api/analytics/heartbeat',
      { config, schema: schema({ body: wire.HeartbeatBody, ok: StatusOk, fails: [404] }) },
      async (req) => {
        const { session_token, position, quality } = req.body;
        await tracking.heartbeat({ sessionToken: session_token, position, quality }, signals(req));
        return { status: 'ok' };
      },
    );
    app.post(
      '/api/analytics/end',
      {
        config,
        schema: schema({
          description: 'Also accepts the JSON as text/plain (navigator.sendBeacon with a string).',
          consumes: ['application/json', 'text/plain'],
          body: wire.EndSessionBody,
          ok: StatusOk,
          fails: [404],
        }),
      },
      async (req) => {
        const { session_token, position, completed } = req.body;
        await tracking.end({ sessionToken: session_token, position, completed }, signals(req));
        return { status: 'ok' };
      },
    );
  };
}
