/** Which rows are ticked for a bulk operation (ids in signals); rows that leave the list leave the selection. */
import { computed, signal } from '@preact/signals';

export class Selection {
  readonly ids = signal<ReadonlySet<number>>(new Set());
  readonly count = computed(() => this.ids.value.size);

  has(id: number): boolean {
    return this.ids.value.has(id);
  }

  toggle(id: number, on: boolean): void {
    const next = new Set(this.ids.value);
    if (on) next.add(id);
    else next.delete(id);
    this.ids.value = next;
  }

  /** Adds every one of `ids` (Select All over the rows shown). */
  selectAll(ids: readonly number[]): void {
    this.ids.value = new Set([...this.ids.value, ...ids]);
  }

  clear(): void {
    if (this.ids.value.size > 0) this.ids.value = new Set();
  }

  /** Keeps only ids still listed (after a reload, a delete, a filter change). */
  keep(listed: readonly number[]): void {
    const present = new Set(listed);
    const next = [...this.ids.value].filter((id) => present.has(id));
    if (next.length !== this.ids.value.size) this.ids.value = new Set(next);
  }

  /** The ids in a stable order, for a request. */
  list(): number[] {
    return [...this.ids.value].sort((a, b) => a - b);
  }
}
