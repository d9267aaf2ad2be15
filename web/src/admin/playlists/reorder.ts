/** Pure ordering helpers of the playlist editor (drag-and-drop and the move buttons share them). */

/** `items` with the one at `from` moved to `to` (both 0-based; out-of-range indexes change nothing). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = [...items];
  if (from === to || from < 0 || to < 0 || from >= copy.length || to >= copy.length) return copy;
  const [moved] = copy.splice(from, 1);
  copy.splice(to, 0, moved as T);
  return copy;
}

/**
 * Where a dragged item lands when dropped on the item at `over`: before it when the pointer is in its upper
 * half, after it otherwise, as an index into the list after the dragged item left its place.
 */
export function dropIndex(from: number, over: number, upperHalf: boolean): number {
  const target = upperHalf ? over : over + 1;
  return target > from ? target - 1 : target;
}
