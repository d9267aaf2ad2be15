/**
 * One archived video: title, slug, deleted and created dates, and its two actions — Restore (back to
 * the library) and Delete permanently (after a confirm naming the video; files and rows are removed).
 *
 * Test hooks: `tr[data-archived-id]` (its `input[data-select]` for the bulk bar), `[data-action="restore"]`, `[data-action="delete-permanently"]`.
 */
import { useSignal } from '@preact/signals';
import { UnauthorizedError, errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';
import { formatDate, formatDateTime } from '../../shared/format.js';
import type { ArchiveApi, ArchivedVideo } from './archive-api.js';
import { SelectCell } from '../components/select-cell.js';

export function ArchiveRow(props: {
  video: ArchivedVideo;
  api: ArchiveApi;
  removed: (id: number) => void;
  /** Ticked for a bulk restore. */
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const { video, api } = props;
  const busy = useSignal<'restore' | 'delete' | null>(null);

  async function run(kind: 'restore' | 'delete'): Promise<void> {
    if (kind === 'delete') {
      const ok = await confirmDialog({
        title: 'Delete permanently?',
        message: `“${video.title}” and all of its files will be deleted. This cannot be undone.`,
        confirmLabel: 'Delete permanently',
        danger: true,
      });
      if (!ok) return;
    }
    busy.value = kind;
    try {
      if (kind === 'restore') await api.restore(video.id);
      else await api.deletePermanently(video.id);
      toast(kind === 'restore' ? 'Video restored' : 'Video permanently deleted', 'success');
      props.removed(video.id);
    } catch (err) {
      busy.value = null;
      if (err instanceof UnauthorizedError) return;
      const what = kind === 'restore' ? 'Could not restore' : 'Could not delete';
      toast(`${what} “${video.title}”: ${errorMessage(err)}`, 'error');
    }
  }

  return (
    <tr
      data-archived-id={video.id}
      data-slug={video.slug}
      class={props.selected ? 'row-selected' : undefined}
    >
      <SelectCell label={video.title} selected={props.selected} onSelect={props.onSelect} />
      <td class="col-title">
        <div class="video-title">{video.title}</div>
        <div class="video-sub">
          <code>{video.slug}</code>
        </div>
      </td>
      <td class="col-created" title={formatDateTime(video.deleted_at)}>
        {formatDate(video.deleted_at)}
      </td>
      <td class="col-created archive-col-created" title={formatDateTime(video.created_at)}>
        {formatDate(video.created_at)}
      </td>
      <td class="col-actions">
        <div class="row-actions">
          <Button
            size="sm"
            icon="refresh"
            data-action="restore"
            aria-label={`Restore ${video.title}`}
            busy={busy.value === 'restore'}
            disabled={busy.value !== null}
            onClick={() => void run('restore')}
          >
            Restore
          </Button>
          <Button
            size="sm"
            variant="ghost-danger"
            icon="trash"
            data-action="delete-permanently"
            aria-label={`Delete ${video.title} permanently`}
            busy={busy.value === 'delete'}
            disabled={busy.value !== null}
            onClick={() => void run('delete')}
          >
            Delete permanently
          </Button>
        </div>
      </td>
    </tr>
  );
}
