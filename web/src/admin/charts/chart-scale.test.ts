import { describe, expect, it } from 'vitest';
import { niceStep, scale, spreadIndices, valueTicks } from './chart-scale.js';

describe('chart scales', () => {
  it('rounds steps up to 1, 2 or 5 × 10^k', () => {
    expect([0, 0.3, 0.75, 1, 1.5, 3, 7, 42, 180].map(niceStep)).toEqual([1, 0.5, 1, 1, 2, 5, 10, 50, 200]);
  });

  it('gives gridlines from 0 past the maximum, whole ones for counts', () => {
    expect(valueTicks(3, 4, true)).toEqual([0, 1, 2, 3]);
    expect(valueTicks(0, 4, true)).toEqual([0, 1]);
    expect(valueTicks(97)).toEqual([0, 50, 100]);
    expect(valueTicks(0.04)).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
    expect(valueTicks(1)).toEqual([0, 0.5, 1]);
  });

  it('spreads labels over the items, first and last included', () => {
    expect(spreadIndices(3, 6)).toEqual([0, 1, 2]);
    expect(spreadIndices(30, 6)).toEqual([0, 6, 12, 17, 23, 29]);
    expect(spreadIndices(0, 6)).toEqual([]);
  });

  it('maps values linearly, a zero domain onto the start', () => {
    expect(scale(10, 100, 0)(5)).toBe(50);
    expect(scale(0, 100, 0)(5)).toBe(100);
  });
});
