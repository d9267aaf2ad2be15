/**
 * The status cell of a video row in the Videos tab: badge (with the overall percent while processing),
 * progress bar, current step, per-quality progress rows, attempt count, and the error of a failed video.
 */
import { h } from './dom.js';
import { clampPercent } from '../shared/format.js';
import { QUALITY_NAMES } from '../shared/types.js';
import type { QualityProgress, TranscodingProgress, VideoListItem } from '../shared/types.js';

const STEP_LABELS: Record<string, string> = {
  pending: 'Queued',
  claimed: 'Claimed by a worker',
  download: 'Downloading source',
  probe: 'Analysing source',
  thumbnail: 'Generating thumbnail',
  transcode: 'Transcoding',
  master_playlist: 'Writing playlists',
  upload: 'Uploading segments',
  finalize: 'Finalising',
};

/** quality_progress statuses that mean "this quality is done". */
const DONE_QUALITY = new Set(['completed', 'uploaded']);

function qualityOrder(name: string): number {
  const i = (QUALITY_NAMES as readonly string[]).indexOf(name);
  return i === -1 ? QUALITY_NAMES.length : i;
}

function stepLabel(step: string | null | undefined): string {
  if (!step) return '';
  return STEP_LABELS[step] ?? step.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The cell's content for video `v` with its live progress `p` (when the stream has sent any). */
export function statusCellParts(v: VideoListItem, p: TranscodingProgress | undefined): HTMLElement[] {
  const status = p?.status ?? v.status;
  const percent = clampPercent(p?.progress_percent ?? (status === 'ready' ? 100 : 0));
  const badgeText = status === 'processing' ? `${status} ${percent}%` : status;
  const parts: HTMLElement[] = [
    h(
      'span',
      { class: `badge badge-${status}` },
      h('span', { class: 'badge-dot', 'aria-hidden': 'true' }),
      badgeText,
    ),
  ];

  if (status === 'processing') {
    parts.push(
      h('progress', {
        class: 'bar bar-overall',
        max: 100,
        value: percent,
        'aria-label': `Overall progress ${percent}%`,
      }),
    );
  }
  if (status === 'processing' || status === 'pending') {
    const step = stepLabel(p?.current_step);
    if (step) parts.push(h('p', { class: 'status-step muted' }, step));
    else if (status === 'pending') parts.push(h('p', { class: 'status-step muted' }, 'Waiting for a worker'));
    const qualities = [...(p?.qualities ?? [])].sort((a, b) => qualityOrder(a.name) - qualityOrder(b.name));
    if (qualities.length)
      parts.push(
        h(
          'ul',
          { class: 'quality-progress', 'aria-label': 'Progress per quality' },
          ...qualities.map(qualityRow),
        ),
      );
    if (p?.attempt && p.attempt > 1)
      parts.push(h('p', { class: 'status-step muted' }, `Attempt ${p.attempt} of ${p.max_attempts ?? 3}`));
  }
  if (status === 'failed') {
    parts.push(h('p', { class: 'status-error' }, p?.last_error || 'Processing failed'));
    if (p?.attempt)
      parts.push(h('p', { class: 'status-step muted' }, `Attempt ${p.attempt} of ${p.max_attempts ?? 3}`));
  }
  return parts;
}

function qualityRow(q: QualityProgress): HTMLLIElement {
  const pct = DONE_QUALITY.has(q.status) ? 100 : clampPercent(q.progress);
  const text = q.status === 'failed' ? 'failed' : q.status === 'skipped' ? 'skipped' : `${pct}%`;
  return h(
    'li',
    {
      class: `q-row q-${DONE_QUALITY.has(q.status) ? 'completed' : q.status}`,
      dataset: { quality: q.name, status: q.status, progress: pct },
    },
    h('span', { class: 'q-name' }, q.name),
    h('progress', { class: 'bar', max: 100, value: pct, 'aria-label': `${q.name} ${text}` }),
    h('span', { class: 'q-pct' }, text),
  );
}
