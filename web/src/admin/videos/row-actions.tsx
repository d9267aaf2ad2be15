/**
 * A video row's buttons (api-admin.md §5.1, §5.5, §5.7): Preview (ready, or processing with a live master),
 * Retry (failed), Publish / Unpublish, Re-transcode all qualities and Thumbnail (ready), Delete (confirmed,
 * soft: the video moves to the archive).
 *
 * Test hooks: `[data-action="preview"|"retry"|"publish"|"unpublish"|"retranscode"|"thumbnail"|"delete"]`.
 */
import { useState } from 'preact/hooks';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';
import type { IconName } from '../../shared/dom.js';
import type { VideoListItem } from '../../shared/types.js';
import { openPreview } from './preview-dialog.js';
import { openThumbnailDialog } from './thumbnail-dialog.js';

export interface RowActionsProps {
  video: VideoListItem;
  /** Preview is offered (ready, or a processing video whose master playlist is live). */
  previewable: boolean;
  api: ApiClient;
  /** An action changed the video: reload the list. */
  changed: () => void;
  /** The video was deleted. */
  deleted: () => void;
}

interface Request {
  /** Asked first when set; the request runs only on OK. */
  confirm?: { title: string; message: string; confirmLabel: string; danger?: boolean };
  send: () => Promise<unknown>;
  success: string;
  failure: string;
  after: () => void;
}

/** A row button that runs one request: disabled while busy, toast on success or failure. */
function ActionButton(props: {
  action: string;
  label: string;
  title: string;
  icon?: IconName;
  compact?: boolean;
  danger?: boolean;
  request: Request;
}) {
  const [busy, setBusy] = useState(false);
  const { request: r } = props;
  const click = async (): Promise<void> => {
    if (r.confirm && !(await confirmDialog(r.confirm))) return;
    setBusy(true);
    try {
      await r.send();
      toast(r.success, 'success');
      r.after();
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) toast(`${r.failure}: ${errorMessage(err)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="sm"
      variant={props.danger ? 'ghost-danger' : 'secondary'}
      icon={props.icon}
      data-action={props.action}
      title={props.compact ? props.label : undefined}
      aria-label={`${props.label}: ${props.title}`}
      busy={busy}
      onClick={() => void click()}
    >
      {props.compact ? null : <span aria-hidden="true">{props.label}</span>}
    </Button>
  );
}

export function RowActions({ video: v, previewable, api, changed, deleted }: RowActionsProps) {
  const base = `/api/videos/${v.id}`;
  const ready = v.status === 'ready';
  const published = v.published_at != null;
  return (
    <div class="row-actions">
      {previewable && (
        <Button
          size="sm"
          icon="eye"
          data-action="preview"
          aria-label={`Preview ${v.title}`}
          onClick={() => openPreview(v.slug, v.title)}
        >
          <span aria-hidden="true">Preview</span>
        </Button>
      )}
      {v.status === 'failed' && (
        <ActionButton
          action="retry"
          label="Retry"
          title={v.title}
          icon="refresh"
          request={{
            send: () => api.post(`${base}/retry`),
            success: `“${v.title}” queued for retry`,
            failure: 'Retry failed',
            after: changed,
          }}
        />
      )}
      {ready && (
        <ActionButton
          action={published ? 'unpublish' : 'publish'}
          label={published ? 'Unpublish' : 'Publish'}
          title={v.title}
          request={{
            send: () => api.post(`${base}/${published ? 'unpublish' : 'publish'}`),
            success: published ? `“${v.title}” is no longer public` : `“${v.title}” is published`,
            failure: published ? 'Could not unpublish' : 'Could not publish',
            after: changed,
          }}
        />
      )}
      {ready && (
        <ActionButton
          action="retranscode"
          label="Re-transcode all qualities"
          title={v.title}
          icon="gear"
          compact
          request={{
            confirm: {
              title: 'Re-transcode all qualities?',
              message: `“${v.title}” stays playable until a worker picks the job up; then every quality is rebuilt from the source.`,
              confirmLabel: 'Re-transcode',
            },
            send: () => api.post(`${base}/retranscode`, { qualities: ['all'], priority: 'normal' }),
            success: `“${v.title}” queued for re-transcoding`,
            failure: 'Could not re-transcode',
            after: changed,
          }}
        />
      )}
      {ready && (
        <Button
          size="sm"
          icon="film"
          data-action="thumbnail"
          title="Change thumbnail"
          aria-label={`Change thumbnail: ${v.title}`}
          onClick={() => openThumbnailDialog(v, { api, changed })}
        />
      )}
      <ActionButton
        action="delete"
        label="Delete"
        title={v.title}
        icon="trash"
        danger
        request={{
          confirm: {
            title: 'Delete video?',
            message: `“${v.title}” will be removed from the site and moved to the archive.`,
            confirmLabel: 'Delete',
            danger: true,
          },
          send: () => api.delete(`${base}`),
          success: `Deleted “${v.title}”`,
          failure: `Could not delete “${v.title}”`,
          after: deleted,
        }}
      />
    </div>
  );
}
