/**
 * The ordered videos of a playlist. Reorder by dragging a row (HTML5 drag and drop: dropped on the upper
 * half of a row it goes before it, on the lower half after) or with the Move up / Move down buttons; each
 * change is saved with the reorder endpoint. Remove takes the video out of the playlist.
 *
 * Test hooks: `#playlist-items` with `li[data-video-id][data-position]`, `[data-action="move-up"|"move-down"|
 * "remove-from-playlist"]`, `.drag-handle`.
 */
import { useSignal } from '@preact/signals';
import { Badge } from '../components/badge.js';
import { Button } from '../components/button.js';
import { EmptyState } from '../components/states.js';
import { formatDuration } from '../../shared/format.js';
import type { PlaylistVideoInfo } from '../../shared/types.js';
import { dropIndex } from './reorder.js';

export interface ItemActions {
  move: (from: number, to: number) => void;
  remove: (video: PlaylistVideoInfo) => void;
  busy: boolean;
}

interface DragState {
  from: number;
  /** The row under the pointer and which half of it. */
  over: number | null;
  upper: boolean;
}

function ItemRow(props: {
  video: PlaylistVideoInfo;
  index: number;
  count: number;
  actions: ItemActions;
  drag: ReturnType<typeof useSignal<DragState | null>>;
}) {
  const { video, index, count, actions, drag } = props;
  const d = drag.value;
  const marker = d && d.over === index && d.from !== index ? (d.upper ? ' drop-before' : ' drop-after') : '';
  return (
    <li
      class={`playlist-item${d?.from === index ? ' dragging' : ''}${marker}`}
      data-video-id={video.id}
      data-position={index}
      draggable={!actions.busy}
      onDragStart={(ev) => {
        ev.dataTransfer?.setData('text/plain', String(video.id));
        if (ev.dataTransfer) ev.dataTransfer.effectAllowed = 'move';
        drag.value = { from: index, over: null, upper: true };
      }}
      onDragOver={(ev) => {
        if (!drag.value) return;
        ev.preventDefault();
        const r = ev.currentTarget.getBoundingClientRect();
        const upper = ev.clientY < r.top + r.height / 2;
        if (drag.value.over !== index || drag.value.upper !== upper)
          drag.value = { ...drag.value, over: index, upper };
      }}
      onDrop={(ev) => {
        ev.preventDefault();
        const now = drag.value;
        drag.value = null;
        if (now) actions.move(now.from, dropIndex(now.from, index, now.over === index ? now.upper : true));
      }}
      onDragEnd={() => (drag.value = null)}
    >
      <span class="drag-handle" aria-hidden="true" title="Drag to reorder">
        ⠿
      </span>
      <span class="playlist-item-pos">{index + 1}</span>
      <span class="thumb-sm playlist-thumb" aria-hidden="true">
        {video.thumbnail_url ? <img src={video.thumbnail_url} alt="" loading="lazy" /> : null}
      </span>
      <span class="playlist-item-title">
        <span class="video-title">{video.title}</span>
        <span class="video-sub muted">{formatDuration(video.duration)}</span>
      </span>
      {video.status !== 'ready' ? <Badge status={video.status}>{video.status}</Badge> : null}
      <span class="row-actions">
        <Button
          size="sm"
          variant="ghost"
          data-action="move-up"
          aria-label={`Move “${video.title}” up`}
          disabled={index === 0 || actions.busy}
          onClick={() => actions.move(index, index - 1)}
        >
          ↑
        </Button>
        <Button
          size="sm"
          variant="ghost"
          data-action="move-down"
          aria-label={`Move “${video.title}” down`}
          disabled={index === count - 1 || actions.busy}
          onClick={() => actions.move(index, index + 1)}
        >
          ↓
        </Button>
        <Button
          size="sm"
          variant="ghost-danger"
          data-action="remove-from-playlist"
          aria-label={`Remove “${video.title}” from the playlist`}
          disabled={actions.busy}
          onClick={() => actions.remove(video)}
        >
          Remove
        </Button>
      </span>
    </li>
  );
}

export function PlaylistItems(props: { videos: PlaylistVideoInfo[]; actions: ItemActions }) {
  const drag = useSignal<DragState | null>(null);
  if (props.videos.length === 0)
    return (
      <EmptyState icon="film" title="No videos in this playlist yet">
        <p class="muted">Add videos with the search above.</p>
      </EmptyState>
    );
  return (
    <ol id="playlist-items" class="playlist-items" aria-label="Videos in this playlist, in order">
      {props.videos.map((v, i) => (
        <ItemRow
          key={v.id}
          video={v}
          index={i}
          count={props.videos.length}
          actions={props.actions}
          drag={drag}
        />
      ))}
    </ol>
  );
}
