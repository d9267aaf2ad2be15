import { describe, expect, it } from 'vitest';
import { dropIndex, moveItem } from './reorder.js';

describe('moveItem', () => {
  it('moves down, up, and keeps the rest in order', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
  });
  it('changes nothing for the same place or an index out of range', () => {
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], -1, 0)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 0, 2)).toEqual(['a', 'b']);
  });
});

describe('dropIndex', () => {
  it('drops before the upper half and after the lower half of the item under the pointer', () => {
    // Dragging item 0 of [a b c d]: onto c's lower half → after c → index 2 once a left.
    expect(dropIndex(0, 2, false)).toBe(2);
    expect(dropIndex(0, 2, true)).toBe(1);
    // Dragging item 3 upward onto a's upper half → first.
    expect(dropIndex(3, 0, true)).toBe(0);
    expect(dropIndex(3, 0, false)).toBe(1);
    // Onto itself: where it was.
    expect(dropIndex(1, 1, true)).toBe(1);
    expect(dropIndex(1, 1, false)).toBe(1);
  });
});
