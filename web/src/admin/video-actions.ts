/**
 * Lifecycle row actions of the videos table (api-admin.md §5.1, §5.5, §5.7):
 * Retry (failed), Publish / Unpublish, Re-transcode all qualities and Thumbnail (ready).
 *
 * Test hooks: buttons `[data-action="retry"|"publish"|"unpublish"|"retranscode"|"thumbnail"]`.
 */
import { UnauthorizedError, errorMessage, type ApiClient } from './api.js';
import { confirmDialog, h, icon, toast } from './dom.js';
import { openThumbnailModal } from './thumbnail-modal.js';
import type { IconName } from '../shared/dom.js';
import type { VideoListItem } from '../shared/types.js';

export interface VideoActionContext {
  api: ApiClient;
  /** Called after an action changed the video (reload the list). */
  changed: () => void;
}

/** A row button; `compact` shows only the icon (the label stays as tooltip and accessible name). */
function actionButton(
  action: string,
  label: string,
  title: string,
  look: { icon?: IconName; compact?: boolean },
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-secondary btn-sm',
      dataset: { action },
      title: look.compact ? label : null,
      'aria-label': `${label}: ${title}`,
    },
    look.icon ? icon(look.icon) : null,
    look.compact ? null : h('span', { 'aria-hidden': 'true' }, label),
  );
}

/** Runs one request for a button: disabled while busy, toast on success or failure. */
async function run(
  button: HTMLButtonElement,
  request: () => Promise<unknown>,
  done: { success: string; failure: string },
  ctx: VideoActionContext,
): Promise<void> {
  button.disabled = true;
  try {
    await request();
    toast(done.success, 'success');
    ctx.changed();
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) toast(`${done.failure}: ${errorMessage(err)}`, 'error');
  } finally {
    button.disabled = false;
  }
}

/** The extra buttons for one row (possibly none), to append to its actions cell. */
export function videoActionButtons(v: VideoListItem, ctx: VideoActionContext): HTMLButtonElement[] {
  const buttons: HTMLButtonElement[] = [];
  const base = `/api/videos/${v.id}`;

  if (v.status === 'failed') {
    const retry = actionButton('retry', 'Retry', v.title, { icon: 'refresh' });
    retry.addEventListener(
      'click',
      () =>
        void run(
          retry,
          () => ctx.api.post(`${base}/retry`),
          { success: `“${v.title}” queued for retry`, failure: 'Retry failed' },
          ctx,
        ),
    );
    buttons.push(retry);
  }

  if (v.status !== 'ready') return buttons;

  const published = v.published_at != null;
  const publish = actionButton(
    published ? 'unpublish' : 'publish',
    published ? 'Unpublish' : 'Publish',
    v.title,
    {},
  );
  publish.addEventListener(
    'click',
    () =>
      void run(
        publish,
        () => ctx.api.post(`${base}/${published ? 'unpublish' : 'publish'}`),
        {
          success: published ? `“${v.title}” is no longer public` : `“${v.title}” is published`,
          failure: published ? 'Could not unpublish' : 'Could not publish',
        },
        ctx,
      ),
  );

  const retranscode = actionButton('retranscode', 'Re-transcode all qualities', v.title, {
    icon: 'gear',
    compact: true,
  });
  retranscode.addEventListener('click', () => {
    void (async () => {
      const ok = await confirmDialog({
        title: 'Re-transcode all qualities?',
        message: `“${v.title}” stays playable until a worker picks the job up; then every quality is rebuilt from the source.`,
        confirmLabel: 'Re-transcode',
      });
      if (!ok) return;
      await run(
        retranscode,
        () => ctx.api.post(`${base}/retranscode`, { qualities: ['all'], priority: 'normal' }),
        { success: `“${v.title}” queued for re-transcoding`, failure: 'Could not re-transcode' },
        ctx,
      );
    })();
  });

  const thumbnail = actionButton('thumbnail', 'Change thumbnail', v.title, { icon: 'film', compact: true });
  thumbnail.addEventListener('click', () => openThumbnailModal(v, ctx));

  buttons.push(publish, retranscode, thumbnail);
  return buttons;
}
