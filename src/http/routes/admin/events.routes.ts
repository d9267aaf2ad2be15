import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type {
  HeartbeatEvent,
  InitialProgressEvent,
  ProgressEvent,
} from '../../../contracts/api/progress-events.contract.js';
import type { ProgressFeed } from '../../../domain/transcode/progress-feed.js';

/** Each event of the stream and its data (progress-events.contract.ts). */
interface ProgressStreamEvents {
  retry: number;
  initial: InitialProgressEvent;
  progress: ProgressEvent;
  heartbeat: HeartbeatEvent;
}

/**
 * GET /api/events/progress (api-admin.md §12): Server-Sent Events with the progress of unfinished
 * videos. Changes in this process are pushed at once; others are found by a 1 s database poll.
 * Shutting down ends every open stream first (the browser reconnects to the next server), so an open
 * admin page never holds a stopping server.
 */
export function adminEventRoutes(feed: ProgressFeed, options: { heartbeatSeconds: number; retryMs: number }) {
  return async (app: FastifyInstance) => {
    const open = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      for (const res of open) res.end();
    });
    app.get(
      '/api/events/progress',
      {
        // Open as long as the admin page is: not logged as a slow request when it closes.
        config: { longLived: true },
        schema: { tags: ['events'], summary: 'Live transcoding progress (text/event-stream)' },
      },
      async (req, reply) => {
        const raw = String((req.query as Record<string, unknown>).video_ids ?? '');
        const ids = raw
          .split(',')
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-cache',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        const send = <E extends keyof ProgressStreamEvents>(event: E, data: ProgressStreamEvents[E]) =>
          res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        send('retry', options.retryMs);
        const subscription = await feed.subscribe({
          videoIds: ids.length > 0 ? ids : null,
          onInitial: (progress) => send('initial', { progress }),
          onProgress: (msg) => send('progress', msg),
        });
        const heartbeat = setInterval(
          () => send('heartbeat', { timestamp: new Date().toISOString() }),
          options.heartbeatSeconds * 1000,
        );
        open.add(res);
        req.raw.on('close', () => {
          open.delete(res);
          clearInterval(heartbeat);
          subscription.close();
        });
      },
    );
  };
}
