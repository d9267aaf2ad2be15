/**
 * A video row's buttons (api-admin.md §5.1, §5.5, §5.7): Preview (ready, or processing with a live master), Edit,
 * Retry (failed), Publish / Unpublish, Re-transcode all qualities and Thumbnail (ready), Delete (confirmed,
 * soft: the video moves to the archive).
 *
 * Test hooks: `[data-action="preview"|"edit"|"retry"|"publish"|"unpublish"|"retranscode"|"thumbnail"|"delete"]`.
 */
import { useState } from 'preact/hooks';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';
import type { IconName } from '../../shared/dom.js';
import type { VideoListItem } from '../../shared/types.js';
import { openEditVideoDialog } from '../video-edit/edit-video-dialog.js';
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

/** A row button that runs one request: disabled while busy, toast on success or failure. */
interface ActionSpec {
  /** `data-action` test hook. */
  action: string;
  label: string;
  icon?: IconName;
  /** Icon only (the label stays as tooltip and accessible name). */
  compact?: boolean;
  danger?: boolean;
  /** Asked first when set; the request runs only on OK. */
  confirm?: { title: string; message: string; confirmLabel: string; danger?: boolean };
  send: () => Promise<unknown>;
  success: string;
  failure: string;
  after: () => void;
}

function ActionButton({ spec, title }: { spec: ActionSpec; title: string }) {
  const [busy, setBusy] = useState(false);
  const click = async (): Promise<void> => {
    if (spec.confirm && !(await confirmDialog(spec.confirm))) return;
    setBusy(true);
    try {
      await spec.send();
      toast(spec.success, 'success');
      spec.after();
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) toast(`${spec.failure}: ${errorMessage(err)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="sm"
      variant={spec.danger ? 'ghost-danger' : 'secondary'}
      icon={spec.icon}
      data-action={spec.action}
      title={spec.compact ? spec.label : undefined}
      aria-label={`${spec.label}: ${title}`}
      busy={busy}
      onClick={() => void click()}
    >
      {spec.compact ? null : <span aria-hidden="true">{spec.label}</span>}
    </Button>
  );
}

/** The buttons that run one request, in row order, for a video in its current status. */
function requestActions({ video: v, api, changed, deleted }: RowActionsProps): ActionSpec[] {
  const base = `/api/videos/${v.id}`;
  const published = v.published_at != null;
  const specs: ActionSpec[] = [];
  if (v.status === 'failed')
    specs.push({
      action: 'retry',
      label: 'Retry',
      icon: 'refresh',
      send: () => api.post(`${base}/retry`),
      success: `“${v.title}” queued for retry`,
      failure: 'Retry failed',
      after: changed,
    });
  if (v.status === 'ready')
    specs.push(
      {
        action: published ? 'unpublish' : 'publish',
        label: published ? 'Unpublish' : 'Publish',
        send: () => api.post(`${base}/${published ? 'unpublish' : 'publish'}`),
        success: published ? `“${v.title}” is no longer public` : `“${v.title}” is published`,
        failure: published ? 'Could not unpublish' : 'Could not publish',
        after: changed,
      },
      {
        action: 'retranscode',
        label: 'Re-transcode all qualities',
        icon: 'gear',
        compact: true,
        confirm: {
          title: 'Re-transcode all qualities?',
          message: `“${v.title}” stays playable until a worker picks the job up; then every quality is rebuilt from the source.`,
          confirmLabel: 'Re-transcode',
        },
        send: () => api.post(`${base}/retranscode`, { qualities: ['all'], priority: 'normal' }),
        success: `“${v.title}” queued for re-transcoding`,
        failure: 'Could not re-transcode',
        after: changed,
      },
    );
  specs.push({
    action: 'delete',
    label: 'Delete',
    icon: 'trash',
    danger: true,
    confirm: {
      title: 'Delete video?',
      message: `“${v.title}” will be removed from the site and moved to the archive.`,
      confirmLabel: 'Delete',
      danger: true,
    },
    send: () => api.delete(base),
    success: `Deleted “${v.title}”`,
    failure: `Could not delete “${v.title}”`,
    after: deleted,
  });
  return specs;
}

export function RowActions(props: RowActionsProps) {
  const { video: v, previewable, api, changed } = props;
  const specs = requestActions(props);
  const button = (spec: ActionSpec) => <ActionButton key={spec.action} spec={spec} title={v.title} />;
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
      <Button
        size="sm"
        data-action="edit"
        aria-label={`Edit ${v.title}`}
        onClick={() => openEditVideoDialog(v, { api, changed })}
      >
        <span aria-hidden="true">Edit</span>
      </Button>
      {specs.filter((s) => s.action !== 'delete').map(button)}
      {v.status === 'ready' && (
        <Button
          size="sm"
          icon="film"
          data-action="thumbnail"
          title="Change thumbnail"
          aria-label={`Change thumbnail: ${v.title}`}
          onClick={() => openThumbnailDialog(v, { api, changed })}
        />
      )}
      {specs.filter((s) => s.action === 'delete').map(button)}
    </div>
  );
}
