/**
 * The status cell of a video row: badge (with the overall percent while processing), progress bar,
 * current step, per-quality progress rows, attempt count, and the error of a failed video.
 *
 * Test hooks: `[data-testid="status"]` (text contains the status word), per-quality rows
 * `[data-quality="<name>"]` with `data-status` / `data-progress` and a <progress> inside.
 */
import { Badge } from '../components/badge.js';
import { ProgressBar } from '../components/progress-bar.js';
import { clampPercent } from '../../shared/format.js';
import { QUALITY_NAMES } from '../../shared/types.js';
import type { QualityProgress, TranscodingProgress, VideoListItem } from '../../shared/types.js';

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

function Attempt({ p }: { p: TranscodingProgress }) {
  return (
    <p class="status-step muted">
      Attempt {p.attempt} of {p.max_attempts ?? 3}
    </p>
  );
}

function QualityRow({ q }: { q: QualityProgress }) {
  const done = DONE_QUALITY.has(q.status);
  const pct = done ? 100 : clampPercent(q.progress);
  const text = q.status === 'failed' ? 'failed' : q.status === 'skipped' ? 'skipped' : `${pct}%`;
  return (
    <li
      class={`q-row q-${done ? 'completed' : q.status}`}
      data-quality={q.name}
      data-status={q.status}
      data-progress={pct}
    >
      <span class="q-name">{q.name}</span>
      <ProgressBar value={pct} label={`${q.name} ${text}`} />
      <span class="q-pct">{text}</span>
    </li>
  );
}

export function StatusCell({
  video,
  progress: p,
}: {
  video: VideoListItem;
  progress: TranscodingProgress | undefined;
}) {
  const status = p?.status ?? video.status;
  const percent = clampPercent(p?.progress_percent ?? (status === 'ready' ? 100 : 0));
  const active = status === 'processing' || status === 'pending';
  const step = stepLabel(p?.current_step) || (status === 'pending' ? 'Waiting for a worker' : '');
  const qualities = [...(p?.qualities ?? [])].sort((a, b) => qualityOrder(a.name) - qualityOrder(b.name));
  return (
    <td class="col-status" data-testid="status" data-label="Status">
      <Badge status={status}>{status === 'processing' ? `${status} ${percent}%` : status}</Badge>
      {status === 'processing' && (
        <ProgressBar class="bar-overall" value={percent} label={`Overall progress ${percent}%`} />
      )}
      {active && step && <p class="status-step muted">{step}</p>}
      {active && qualities.length > 0 && (
        <ul class="quality-progress" aria-label="Progress per quality">
          {qualities.map((q) => (
            <QualityRow key={q.name} q={q} />
          ))}
        </ul>
      )}
      {active && p?.attempt && p.attempt > 1 ? <Attempt p={p} /> : null}
      {status === 'failed' && <p class="status-error">{p?.last_error || 'Processing failed'}</p>}
      {status === 'failed' && p?.attempt ? <Attempt p={p} /> : null}
    </td>
  );
}
