/**
 * Top Videos (ui.md §2.2 Analytics): GET /api/analytics/videos for All Time / Today / This Week / This
 * Month, sorted by views, watch time or completion. Each title is a button opening the video's detail;
 * ArrowUp / ArrowDown move between the titles.
 *
 * Test hooks: `#analytics-top`, `#analytics-top-period`, `#analytics-top-sort`, `#analytics-top-table`,
 * rows `tr[data-video-id]`.
 */
import { useSignal } from '@preact/signals';
import { EmptyState } from '../components/states.js';
import { TableHead, type Column } from '../components/table-head.js';
import type { AnalyticsPeriod, AnalyticsSort, VideoAnalyticsItem } from '../../shared/types.js';
import type { AnalyticsApi, Reload } from './analytics-api.js';
import { formatCount, formatPercent, formatSeconds } from './analytics-format.js';
import { ReportCard, ReportSelect, useReport } from './report-card.js';

const PERIODS: Array<[AnalyticsPeriod, string]> = [
  ['all', 'All Time'],
  ['day', 'Today'],
  ['week', 'This Week'],
  ['month', 'This Month'],
];
const SORTS: Array<[AnalyticsSort, string]> = [
  ['views', 'Most viewed'],
  ['watch_time', 'Most watch time'],
  ['completion_rate', 'Best completion'],
];

function columns(sort: AnalyticsSort): Column[] {
  const by = (s: AnalyticsSort) => (s === sort ? ('descending' as const) : undefined);
  return [
    { label: 'Video' },
    { label: 'Views', class: 'col-num', sorted: by('views') },
    { label: 'Watch Time', class: 'col-num', sorted: by('watch_time') },
    { label: 'Completion', class: 'col-num', sorted: by('completion_rate') },
  ];
}

/** ArrowUp / ArrowDown from a title button to the next or previous row's. */
function moveBetweenRows(ev: KeyboardEvent): void {
  if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
  const row = (ev.currentTarget as HTMLElement).closest('tr');
  const next = ev.key === 'ArrowDown' ? row?.nextElementSibling : row?.previousElementSibling;
  const button = next?.querySelector<HTMLButtonElement>('.row-open');
  if (!button) return;
  ev.preventDefault();
  button.focus();
}

function TopRow(props: { video: VideoAnalyticsItem; selected: boolean; open: (id: number) => void }) {
  const v = props.video;
  return (
    <tr
      data-video-id={v.video_id}
      class={props.selected ? 'row-selected' : undefined}
      onClick={() => props.open(v.video_id)}
    >
      <td class="col-title">
        <div class="top-video">
          <div class="thumb-xs" aria-hidden="true">
            {v.thumbnail_url && <img src={v.thumbnail_url} alt="" loading="lazy" />}
          </div>
          <button
            type="button"
            class="row-open"
            aria-controls="analytics-detail"
            aria-current={props.selected ? 'true' : undefined}
            onKeyDown={moveBetweenRows}
            onClick={(ev) => {
              ev.stopPropagation();
              props.open(v.video_id);
            }}
          >
            {v.title}
          </button>
        </div>
      </td>
      <td class="col-num">{formatCount(v.total_views)}</td>
      <td class="col-num">{formatSeconds(v.total_watch_time_seconds)}</td>
      <td class="col-num">{formatPercent(v.completion_rate)}</td>
    </tr>
  );
}

export function TopVideos(props: {
  api: AnalyticsApi;
  reload: Reload;
  selected: number | null;
  open: (id: number) => void;
}) {
  const period = useSignal<AnalyticsPeriod>('all');
  const sort = useSignal<AnalyticsSort>('views');
  const load = useReport(
    () => props.api.videos({ period: period.value, sortBy: sort.value }, props.reload.fresh),
    [props.reload.version, period.value, sort.value],
  );
  const controls = (
    <>
      <ReportSelect id="analytics-top-period" label="Top videos period" value={period} options={PERIODS} />
      <ReportSelect id="analytics-top-sort" label="Sort top videos" value={sort} options={SORTS} />
    </>
  );
  return (
    <ReportCard id="analytics-top" title="Top Videos" load={load} controls={controls}>
      {(list) =>
        list.videos.length === 0 ? (
          <EmptyState icon="film" title="No videos yet">
            <p class="muted">Ready videos appear here with their views.</p>
          </EmptyState>
        ) : (
          <div class="table-wrap">
            <table class="video-table top-table" id="analytics-top-table">
              <caption class="sr-only">Top videos; choose a title to see its details</caption>
              <TableHead columns={columns(sort.value)} />
              <tbody>
                {list.videos.map((v) => (
                  <TopRow
                    key={v.video_id}
                    video={v}
                    selected={v.video_id === props.selected}
                    open={props.open}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </ReportCard>
  );
}
