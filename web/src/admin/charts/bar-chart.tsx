/**
 * Hand-drawn SVG horizontal bar chart: one row per bar (name, bar, value). `role="img"` with the `summary`
 * as its label; the values are also in a visually hidden table (chart-table.tsx).
 */
import { ChartTable } from './chart-table.js';
import { scale } from './chart-scale.js';
import { useWidth } from './use-width.js';

export interface Bar {
  label: string;
  value: number;
  valueText: string;
}

const ROW = 34;
const LABEL_W = 96;
const VALUE_W = 64;

export function BarChart(props: {
  id?: string;
  summary: string;
  caption: string;
  heads: [string, string];
  bars: Bar[];
  /** The value of a full-width bar; default: the largest. */
  max?: number;
}) {
  const { ref, width: W } = useWidth<HTMLElement>(640);
  const max = props.max ?? Math.max(0, ...props.bars.map((b) => b.value));
  const width = scale(max, 0, W - LABEL_W - VALUE_W - 16);
  const height = Math.max(1, props.bars.length) * ROW;
  return (
    <figure class="chart" id={props.id} ref={ref}>
      <svg class="chart-svg" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={props.summary}>
        <title>{props.caption}</title>
        {props.bars.map((b, i) => (
          <g key={b.label} class="chart-bar-row" transform={`translate(0 ${i * ROW})`}>
            <text class="chart-tick" x={LABEL_W - 10} y={ROW / 2} dy="0.32em" text-anchor="end">
              {b.label}
            </text>
            <rect
              class="chart-bar-track"
              x={LABEL_W}
              y={7}
              width={W - LABEL_W - VALUE_W - 16}
              height={ROW - 14}
              rx={4}
            />
            <rect
              class="chart-bar"
              x={LABEL_W}
              y={7}
              width={Math.max(width(b.value), 2)}
              height={ROW - 14}
              rx={4}
            >
              <title>{`${b.label}: ${b.valueText}`}</title>
            </rect>
            <text class="chart-value" x={W - VALUE_W + 4} y={ROW / 2} dy="0.32em">
              {b.valueText}
            </text>
          </g>
        ))}
      </svg>
      <ChartTable
        caption={props.caption}
        heads={props.heads}
        rows={props.bars.map((b) => [b.label, b.valueText])}
      />
    </figure>
  );
}
