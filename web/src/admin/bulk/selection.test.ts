import { describe, expect, it } from 'vitest';
import { Selection } from './selection.js';

describe('bulk selection', () => {
  it('toggles, selects all, keeps only listed ids, clears', () => {
    const s = new Selection();
    s.toggle(3, true);
    s.toggle(1, true);
    s.toggle(3, false);
    expect(s.list()).toEqual([1]);
    s.selectAll([5, 4, 1]);
    expect(s.list()).toEqual([1, 4, 5]);
    expect(s.count.value).toBe(3);
    s.keep([4, 5, 9]);
    expect(s.list()).toEqual([4, 5]);
    s.clear();
    expect(s.count.value).toBe(0);
  });
});
