/** Small helpers shared by the benches: sleeping, medians, number formatting, machine load. */
import os from 'node:os';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function median(xs: readonly number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0–100) of the finite values. */
export function percentile(xs: readonly number[], p: number): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

export const MiB = 1024 * 1024;
export const fmtMiB = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(0)} MiB` : 'n/a';
export const fmtMB = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(2)} MB` : 'n/a';
export const fmtS = (s: number): string => (Number.isFinite(s) ? `${s.toFixed(1)} s` : 'n/a');
export const fmtRatio = (r: number): string => (Number.isFinite(r) ? r.toFixed(3) : 'n/a');

export function loadAvg(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Left-aligned first column, right-aligned others. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}
