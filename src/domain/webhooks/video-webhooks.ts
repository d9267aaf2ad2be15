import type { VideoFactsRepository } from './video-facts.repository.js';
import type { WebhookTrigger } from './webhook-trigger.js';

/**
 * The video events of webhooks (pipeline.md §16), each with its payload, triggered where it happens
 * (server/webhook-hooks.ts wires them to the services). Triggering never fails the operation that
 * happened: an error is logged and the event is lost (the operation itself has committed).
 */
export function createVideoWebhooks(deps: {
  trigger: WebhookTrigger;
  facts: VideoFactsRepository;
  log: (err: unknown, message: string) => void;
}) {
  const { trigger, facts } = deps;
  const safely = async (event: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      deps.log(err, `webhook ${event} not queued`);
    }
  };
  return {
    uploaded: (v: { id: number; slug: string; title: string | null }, filename: string) =>
      safely('video.uploaded', () =>
        trigger.trigger('video.uploaded', { video_id: v.id, slug: v.slug, title: v.title, filename }),
      ),
    ready: (videoId: number) =>
      safely('video.ready', async () => {
        const v = await facts.find(videoId);
        if (!v) return;
        await trigger.trigger('video.ready', {
          video_id: v.id,
          slug: v.slug,
          title: v.title,
          qualities: v.qualities,
          streaming_format: v.streaming_format,
        });
      }),
    /** The final failure of a video's transcode (no attempt left). */
    failed: (f: { videoId: number; error: string; attemptNumber: number; maxAttempts: number }) =>
      safely('video.failed', async () => {
        const v = await facts.find(f.videoId);
        if (!v) return;
        await trigger.trigger('video.failed', {
          video_id: v.id,
          slug: v.slug,
          error: f.error.slice(0, 500),
          attempt_number: f.attemptNumber,
          max_attempts: f.maxAttempts,
        });
      }),
    /** Facts read before the delete (a permanent one leaves no row), the event sent after it. */
    async deleting(videoId: number, permanent: boolean) {
      const v = await facts.find(videoId).catch(() => null);
      return () =>
        safely('video.deleted', async () => {
          if (v)
            await trigger.trigger('video.deleted', {
              video_id: v.id,
              slug: v.slug,
              title: v.title,
              permanent,
            });
        });
    },
    restored: (videoId: number) =>
      safely('video.restored', async () => {
        const v = await facts.find(videoId);
        if (v) await trigger.trigger('video.restored', { video_id: v.id, slug: v.slug, title: v.title });
      }),
  };
}

export type VideoWebhooks = ReturnType<typeof createVideoWebhooks>;
