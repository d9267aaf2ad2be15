/** One row of the videos table. Test hooks: `tr[data-video-id][data-status]`, its `input[data-select]`. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import { Icon } from '../components/icon.js';
import { formatDateTime, formatDuration } from '../../shared/format.js';
import type { TranscodingProgress, VideoListItem } from '../../shared/types.js';
import { RowActions } from './row-actions.js';
import { StatusCell } from './status-cell.js';
import { SelectCell } from '../components/select-cell.js';

export interface VideoRowProps {
  video: VideoListItem;
  progress: TranscodingProgress | undefined;
  liveMaster: boolean;
  /** Scroll to the row and flash it (a video just uploaded). */
  highlight: boolean;
  /** Ticked for a bulk operation. */
  selected: boolean;
  onSelect: (on: boolean) => void;
  api: ApiClient;
  changed: () => void;
  deleted: (id: number) => void;
}

function Thumb({ video: v }: { video: VideoListItem }) {
  const [broken, setBroken] = useState(false);
  return (
    <div class="thumb-sm">
      {v.thumbnail_url && v.status === 'ready' && !broken ? (
        <img
          src={v.thumbnail_url}
          alt=""
          loading="lazy"
          width={160}
          height={90}
          onError={() => setBroken(true)}
        />
      ) : (
        <Icon name="film" />
      )}
    </div>
  );
}

export function VideoRow(props: VideoRowProps) {
  const { video: v, progress } = props;
  const status = progress?.status ?? v.status;
  const row = useRef<HTMLTableRowElement>(null);
  const [flash, setFlash] = useState(false);

  useEffect(() => {
    if (!props.highlight) return;
    row.current?.scrollIntoView({ block: 'nearest' });
    setFlash(true);
    const timer = window.setTimeout(() => setFlash(false), 4000);
    return () => window.clearTimeout(timer);
  }, [props.highlight]);

  const sub: string[] = [v.slug];
  if (v.duration && v.duration > 0) sub.push(formatDuration(v.duration));
  if (v.category_name) sub.push(v.category_name);
  if (v.published_at == null && status === 'ready') sub.push('unpublished');

  return (
    <tr
      ref={row}
      data-video-id={v.id}
      data-status={status}
      class={[flash ? 'row-new' : '', props.selected ? 'row-selected' : ''].join(' ').trim() || undefined}
    >
      <SelectCell label={v.title} selected={props.selected} onSelect={props.onSelect} />
      <td class="col-thumb">
        <Thumb video={v} />
      </td>
      <td class="col-title" data-label="Title">
        <div class="video-title">{v.title}</div>
        <div class="video-sub muted">{sub.join(' · ')}</div>
      </td>
      <StatusCell video={v} progress={progress} />
      <td class="col-created" data-label="Created">
        {v.created_at ? <time dateTime={v.created_at}>{formatDateTime(v.created_at)}</time> : '—'}
      </td>
      <td class="col-actions">
        <RowActions
          video={v}
          previewable={v.status === 'ready' || (status === 'processing' && props.liveMaster)}
          api={props.api}
          changed={props.changed}
          deleted={() => props.deleted(v.id)}
        />
      </td>
    </tr>
  );
}
