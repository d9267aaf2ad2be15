/**
 * Hand-drawn SVG line (or area) chart over x ∈ [0, xMax] and y from 0: gridlines with value labels, x
 * labels, both axis names, a dot per point with its value as a tooltip. The SVG is `role="img"` with the
 * `summary` as its label; every value is in a visually hidden table beside it (chart-table.tsx).
 */
import { ChartTable } from './chart-table.js';
import { scale, valueTicks } from './chart-scale.js';
import { useWidth } from './use-width.js';

export interface ChartPoint {
  x: number;
  y: number;
  /** The point as the data table and the tooltip say it. */
  xText: string;
  yText: string;
}

export interface LineChartProps {
  id?: string;
  /** The whole chart in one sentence (aria-label). */
  summary: string;
  /** Names the chart (SVG title, table caption). */
  caption: string;
  xName: string;
  yName: string;
  points: ChartPoint[];
  xMax: number;
  xTicks: Array<{ x: number; label: string }>;
  yFormat: (value: number) => string;
  /** Fixed gridline values (e.g. 0–100 %); default: round steps past the largest y. */
  yTicks?: number[];
  /** Whole-number gridlines (counts). */
  whole?: boolean;
  area?: boolean;
  /** Drawn height in pixels (the width is the figure's). */
  height?: number;
}

const M = { left: 60, right: 20, top: 14, bottom: 46 };
/** Labels closer than this (px) to the previous one are left out, so a narrow chart's labels never overlap. */
const MIN_LABEL_GAP = 64;

function spaced(ticks: Array<{ x: number; label: string }>, x: (value: number) => number) {
  let last = -Infinity;
  const kept = ticks.filter((t) => {
    if (x(t.x) - last < MIN_LABEL_GAP) return false;
    last = x(t.x);
    return true;
  });
  // The last label (today, the end of the video) matters most: it replaces its crowded neighbour.
  const end = ticks[ticks.length - 1];
  if (end && kept.length > 1 && kept[kept.length - 1] !== end) kept.splice(-1, 1, end);
  return kept;
}

export function LineChart(props: LineChartProps) {
  const { ref, width: W } = useWidth<HTMLElement>(640);
  const H = props.height ?? 240;
  const ys = props.yTicks ?? valueTicks(Math.max(0, ...props.points.map((p) => p.y)), 4, props.whole);
  const yTop = ys[ys.length - 1] ?? 1;
  const x = scale(props.xMax, M.left, W - M.right);
  const y = scale(yTop, H - M.bottom, M.top);
  const line = props.points
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`)
    .join('');
  const first = props.points[0];
  const last = props.points[props.points.length - 1];
  const base = y(0).toFixed(1);
  const area =
    first && last ? `${line}L${x(last.x).toFixed(1)},${base}L${x(first.x).toFixed(1)},${base}Z` : '';
  return (
    <figure class="chart" id={props.id} ref={ref}>
      <svg class="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.summary}>
        <title>{props.caption}</title>
        {ys.map((v) => (
          <g key={v} class="chart-grid">
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 8} y={y(v)} dy="0.32em" text-anchor="end">
              {props.yFormat(v)}
            </text>
          </g>
        ))}
        {spaced(props.xTicks, x).map((t) => (
          <text key={t.x} class="chart-tick" x={x(t.x)} y={H - M.bottom + 18} text-anchor="middle">
            {t.label}
          </text>
        ))}
        <text class="chart-axis-name" x={(M.left + W - M.right) / 2} y={H - 6} text-anchor="middle">
          {props.xName}
        </text>
        <text class="chart-axis-name" transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`}>
          <tspan text-anchor="middle">{props.yName}</tspan>
        </text>
        {props.area && area && <path class="chart-area" d={area} />}
        {line && <path class="chart-line" d={line} />}
        {props.points.map((p, i) => (
          <circle key={i} class="chart-dot" cx={x(p.x)} cy={y(p.y)} r={props.points.length > 40 ? 2 : 3}>
            <title>{`${p.xText}: ${p.yText}`}</title>
          </circle>
        ))}
      </svg>
      <ChartTable
        caption={props.caption}
        heads={[props.xName, props.yName]}
        rows={props.points.map((p) => [p.xText, p.yText])}
      />
    </figure>
  );
}
