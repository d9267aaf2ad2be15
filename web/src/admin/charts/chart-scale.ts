/** Pure scale arithmetic of the admin's SVG charts (line-chart.tsx, bar-chart.tsx). */

/** The smallest 1, 2 or 5 × 10^k that is ≥ `value` (1 for nothing to show). */
export function niceStep(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const unit = value / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Round gridline values from 0 up to a top ≥ `max`, about `count` steps: 0, 1, 2, 3 for a max of 3 views
 * rather than 0, 0.75, 1.5 … (counts are whole; a fractional step would label the same integer twice).
 */
export function valueTicks(max: number, count = 4, whole = false): number[] {
  let step = niceStep(max / count);
  if (whole) step = Math.max(1, Math.round(step));
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** About `count` indices of `length` items, evenly spread, the first and the last included. */
export function spreadIndices(length: number, count: number): number[] {
  if (length <= 0) return [];
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const last = length - 1;
  const picked = Array.from({ length: count }, (_, i) => Math.round((i * last) / (count - 1)));
  return [...new Set(picked)];
}

/** Maps a value of [0, domainMax] onto [from, to] (a zero-wide domain puts everything at `from`). */
export function scale(domainMax: number, from: number, to: number): (value: number) => number {
  return (value) => (domainMax > 0 ? from + ((to - from) * value) / domainMax : from);
}
