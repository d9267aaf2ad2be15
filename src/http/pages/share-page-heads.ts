import type { FastifyRequest } from 'fastify';
import type { SharingService } from '../../domain/sharing/sharing.service.js';
import { escapeMarkup } from '../../domain/shared/markup.js';
import { watchUrl } from '../../domain/sharing/oembed.js';
import { requestOrigin } from '../request-origin.js';
import { genericHead, watchPageHead, type PageHead } from './share-tags.js';

const slugOf = (req: FastifyRequest) => (req.params as { slug?: string }).slug ?? '';

/** The <head> of the watch and embed pages, rendered from the published video the URL names. */
export function sharePageHeads(sharing: SharingService) {
  return {
    async watch(req: FastifyRequest): Promise<PageHead> {
      const video = await sharing.findVideo(slugOf(req));
      return video ? watchPageHead(video, requestOrigin(req)) : genericHead();
    },

    /** Embeds are not indexed on their own: crawlers go to the watch page they point to. */
    async embed(req: FastifyRequest): Promise<PageHead> {
      const video = await sharing.findVideo(slugOf(req));
      const noindex = '<meta name="robots" content="noindex" />';
      if (!video) return { title: genericHead().title, tags: noindex };
      const canonical = `<link rel="canonical" href="${escapeMarkup(watchUrl(requestOrigin(req), video.slug))}" />`;
      return { title: `${video.title} – VLog`, tags: `${noindex}\n${canonical}` };
    },
  };
}
