/**
 * Views and watch time per UTC day (GET /api/analytics/trends) over 7, 30 or 90 days: two line charts side
 * by side, watch time in minutes or hours (analytics-format.ts).
 *
 * Test hooks: `#analytics-trends`, `#analytics-trends-period`, `#trend-views-chart`, `#trend-watch-chart`.
 */
import { useSignal } from '@preact/signals';
import { LineChart, type ChartPoint } from '../charts/line-chart.js';
import { spreadIndices } from '../charts/chart-scale.js';
import type { AnalyticsTrends } from '../../shared/types.js';
import type { AnalyticsApi, Reload, TrendPeriod } from './analytics-api.js';
import { formatCount, formatDay, formatTick, watchTimeUnit } from './analytics-format.js';
import { ReportCard, ReportSelect, useReport } from './report-card.js';

const PERIODS: Array<[TrendPeriod, string]> = [
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days'],
];

/** Day labels under a chart of `days` days (about six, first and last included). */
export function dayTicks(dates: string[]) {
  return spreadIndices(dates.length, 6).map((i) => ({ x: i, label: formatDay(dates[i] ?? '') }));
}

function TrendCharts({ trends }: { trends: AnalyticsTrends }) {
  const dates = trends.data.map((d) => d.date);
  const unit = watchTimeUnit(Math.max(0, ...trends.data.map((d) => d.watch_time_hours)));
  const views: ChartPoint[] = trends.data.map((d, i) => ({
    x: i,
    y: d.views,
    xText: formatDay(d.date),
    yText: `${formatCount(d.views)} ${d.views === 1 ? 'view' : 'views'}`,
  }));
  const watch: ChartPoint[] = trends.data.map((d, i) => {
    const value = Number((d.watch_time_hours * unit.perHour).toFixed(2));
    return { x: i, y: value, xText: formatDay(d.date), yText: `${formatTick(value)} ${unit.suffix}` };
  });
  const total = trends.data.reduce((n, d) => n + d.views, 0);
  const busiest = trends.data.reduce((a, d) => (d.views > a.views ? d : a), trends.data[0]!);
  const range = `${formatDay(dates[0] ?? '')} to ${formatDay(dates[dates.length - 1] ?? '')}`;
  const xMax = Math.max(dates.length - 1, 1);
  return (
    <div class="chart-pair">
      <LineChart
        id="trend-views-chart"
        caption="Views per day"
        summary={`Views per day, ${range}: ${formatCount(total)} in all${total ? `, most on ${formatDay(busiest.date)} (${busiest.views})` : ''}.`}
        xName="Day"
        yName="Views"
        points={views}
        xMax={xMax}
        xTicks={dayTicks(dates)}
        yFormat={formatTick}
        whole
        area
      />
      <LineChart
        id="trend-watch-chart"
        caption={`Watch time per day (${unit.name})`}
        summary={`Watch time per day in ${unit.name}, ${range}: ${formatTick(watch.reduce((n, p) => n + p.y, 0))} ${unit.suffix} in all.`}
        xName="Day"
        yName={`Watch time (${unit.suffix})`}
        points={watch}
        xMax={xMax}
        xTicks={dayTicks(dates)}
        yFormat={formatTick}
      />
    </div>
  );
}

export function TrendsReport({ api, reload }: { api: AnalyticsApi; reload: Reload }) {
  const period = useSignal<TrendPeriod>('30d');
  const load = useReport(() => api.trends(period.value, reload.fresh), [reload.version, period.value]);
  return (
    <ReportCard
      id="analytics-trends"
      title="Views and watch time per day"
      load={load}
      controls={
        <ReportSelect id="analytics-trends-period" label="Trend period" value={period} options={PERIODS} />
      }
    >
      {(trends) => <TrendCharts trends={trends} />}
    </ReportCard>
  );
}
