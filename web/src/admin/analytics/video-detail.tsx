/**
 * One video's analytics: its numbers, views over the last 30 days, the quality breakdown and the audience
 * retention curve (share of sessions still watching at each point: GET …/videos/{id}/retention).
 *
 * Test hooks: `#analytics-detail`, `#analytics-detail-close`, `[data-detail-stat]`, `#detail-views-chart`,
 * `#detail-quality-chart`, `#detail-retention-chart`.
 */
import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../components/button.js';
import { BarChart } from '../charts/bar-chart.js';
import { LineChart } from '../charts/line-chart.js';
import type { VideoAnalyticsDetail, VideoRetention } from '../../shared/types.js';
import type { AnalyticsApi, Reload } from './analytics-api.js';
import { formatCount, formatDay, formatPercent, formatSeconds, formatTick } from './analytics-format.js';
import { ReportCard, useReport } from './report-card.js';
import { dayTicks } from './trends-report.js';

function DetailStats({ v }: { v: VideoAnalyticsDetail }) {
  const stats: Array<[string, string, string]> = [
    ['total_views', 'Views', formatCount(v.total_views)],
    ['unique_viewers', 'Unique Viewers', formatCount(v.unique_viewers)],
    ['total_watch_time_seconds', 'Watch Time', formatSeconds(v.total_watch_time_seconds)],
    ['avg_watch_duration_seconds', 'Avg Duration', formatSeconds(v.avg_watch_duration_seconds)],
    ['completion_rate', 'Completion', formatPercent(v.completion_rate)],
    ['avg_percent_watched', 'Avg Watched', formatPercent(v.avg_percent_watched)],
  ];
  return (
    <dl class="detail-stats">
      {stats.map(([key, label, value]) => (
        <div key={key} class="detail-stat">
          <dt class="stat-label">{label}</dt>
          <dd class="stat-value" data-detail-stat={key}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RetentionChart({ r }: { r: VideoRetention }) {
  if (r.sessions === 0)
    return <p class="muted chart-note">No sessions yet: the curve appears once someone watches.</p>;
  if (r.points.length === 0)
    return <p class="muted chart-note">The video's duration is unknown, so there is no curve.</p>;
  const at = (percent: number) => r.points.find((p) => p.percent_of_duration === percent);
  const said = [25, 50, 75, 100].flatMap((pc) => {
    const p = at(pc);
    return p
      ? [`${formatPercent(p.share)} at ${pc === 100 ? 'the end' : formatSeconds(p.position_seconds)}`]
      : [];
  });
  return (
    <LineChart
      id="detail-retention-chart"
      caption="Audience retention"
      summary={`Audience retention over ${r.sessions} ${r.sessions === 1 ? 'session' : 'sessions'}: still watching ${said.join(', ')}.`}
      xName="Position in the video"
      yName="Still watching"
      points={r.points.map((p) => ({
        x: p.position_seconds,
        y: p.share,
        xText: `${formatSeconds(p.position_seconds)} (${p.percent_of_duration}%)`,
        yText: formatPercent(p.share, 1),
      }))}
      xMax={r.duration}
      xTicks={r.points
        .filter((_, i) => i % 5 === 0)
        .map((p) => ({ x: p.position_seconds, label: formatSeconds(p.position_seconds) }))}
      height={280}
      yTicks={[0, 0.25, 0.5, 0.75, 1]}
      yFormat={(v) => formatPercent(v)}
      area
    />
  );
}

function DetailBody({ v, r }: { v: VideoAnalyticsDetail; r: VideoRetention }) {
  const dates = v.views_over_time.map((d) => d.date);
  const views = v.views_over_time.reduce((n, d) => n + d.views, 0);
  return (
    <>
      <DetailStats v={v} />
      <div class="detail-grid">
        <div class="detail-chart detail-chart-wide">
          <h4 class="chart-title">Audience retention</h4>
          <RetentionChart r={r} />
        </div>
        <div class="detail-chart">
          <h4 class="chart-title">Views over the last 30 days</h4>
          <LineChart
            id="detail-views-chart"
            caption="Views per day, last 30 days"
            summary={`Views per day over the last 30 days: ${formatCount(views)} in all.`}
            xName="Day"
            yName="Views"
            points={v.views_over_time.map((d, i) => ({
              x: i,
              y: d.views,
              xText: formatDay(d.date),
              yText: formatCount(d.views),
            }))}
            xMax={Math.max(dates.length - 1, 1)}
            xTicks={dayTicks(dates)}
            yFormat={formatTick}
            whole
            area
          />
        </div>
        <div class="detail-chart">
          <h4 class="chart-title">Quality breakdown</h4>
          {v.quality_breakdown.length === 0 ? (
            <p class="muted chart-note">No quality recorded yet.</p>
          ) : (
            <BarChart
              id="detail-quality-chart"
              caption="Sessions by quality"
              summary={`Sessions by quality: ${v.quality_breakdown.map((q) => `${q.quality} ${formatPercent(q.percentage)}`).join(', ')}.`}
              heads={['Quality', 'Share of sessions']}
              bars={v.quality_breakdown.map((q) => ({
                label: q.quality,
                value: q.percentage,
                valueText: formatPercent(q.percentage),
              }))}
              max={1}
            />
          )}
        </div>
      </div>
    </>
  );
}

export function VideoDetail(props: { api: AnalyticsApi; id: number; reload: Reload; close: () => void }) {
  const load = useReport(
    () =>
      Promise.all([
        props.api.video(props.id, props.reload.fresh),
        props.api.retention(props.id, props.reload.fresh),
      ]),
    [props.id, props.reload.version],
  );
  const state = load.state.value;
  const title = state.kind === 'ready' ? state.data[0].title : 'Video';
  // Opening a video moves the focus to its details, so keyboard and screen-reader users land on them.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('.report-title')?.focus();
    box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [props.id]);
  return (
    <div ref={box} class="analytics-detail-wrap">
      <ReportCard
        id="analytics-detail"
        title={title}
        load={load}
        controls={
          <Button id="analytics-detail-close" size="sm" icon="close" onClick={props.close}>
            Close
          </Button>
        }
      >
        {([v, r]) => <DetailBody v={v} r={r} />}
      </ReportCard>
    </div>
  );
}
