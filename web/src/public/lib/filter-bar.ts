/**
 * The filter bar of the public grids: sort, length and (where the page allows) category selects, select
 * custom fields of the category in effect, and the grid/list toggle. It only reports changes; the video
 * browser owns the filters.
 */
import { h, icon, replaceChildren } from '../../shared/dom.js';
import { fetchJson } from '../../shared/http.js';
import type { Category, PublicCustomField } from '../../shared/types.js';
import {
  DURATION_OPTIONS,
  SORT_OPTIONS,
  type BrowseFilters,
  type DurationFilter,
  type SortKey,
  type ViewMode,
} from './browse-state.js';

export interface FilterBarEvents {
  onSort(sort: SortKey): void;
  onDuration(duration: DurationFilter): void;
  onViewMode(mode: ViewMode): void;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  return h('label', { class: 'filter' }, h('span', { class: 'filter-label' }, text), control);
}

function select(id: string, options: ReadonlyArray<{ value: string; label: string }>, value: string) {
  const el = h(
    'select',
    { id, class: 'input input-sm' },
    ...options.map((o) => h('option', { value: o.value }, o.label)),
  );
  el.value = value;
  return el;
}

function viewToggle(mode: ViewMode, onViewMode: (mode: ViewMode) => void): HTMLElement {
  const button = (value: ViewMode, label: string): HTMLButtonElement =>
    h(
      'button',
      {
        id: `view-${value}`,
        type: 'button',
        class: 'btn btn-icon view-button',
        'aria-pressed': String(mode === value),
        'aria-label': label,
        title: label,
        on: { click: () => choose(value) },
      },
      icon(value),
    );
  const buttons = [button('grid', 'Grid view'), button('list', 'List view')];
  function choose(value: ViewMode): void {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.id === `view-${value}`));
    onViewMode(value);
  }
  return h('div', { class: 'view-toggle', role: 'group', 'aria-label': 'Layout' }, ...buttons);
}

/** Fill `bar` with the controls for `filters`; the category and custom-field slots are filled by the fill* functions. */
export function renderFilterBar(
  bar: HTMLElement,
  state: { filters: BrowseFilters; viewMode: ViewMode },
  events: FilterBarEvents,
): { customSlot: HTMLElement; categorySlot: HTMLElement } {
  const { filters } = state;
  const sorts = SORT_OPTIONS.filter((o) => o.value !== 'relevance' || filters.search);
  const sort = select('sort-select', sorts, filters.sort);
  sort.addEventListener('change', () => events.onSort(sort.value as SortKey));
  const duration = select('duration-select', DURATION_OPTIONS, filters.duration);
  duration.addEventListener('change', () => events.onDuration(duration.value as DurationFilter));
  const categorySlot = h('div', { class: 'filter-slot' });
  const customSlot = h('div', { class: 'filter-slot custom-filters', id: 'custom-filters' });
  replaceChildren(
    bar,
    categorySlot,
    customSlot,
    labelled('Length', duration),
    labelled('Sort by', sort),
    viewToggle(state.viewMode, events.onViewMode),
  );
  return { customSlot, categorySlot };
}

/** The category select of the search page (loaded once; optional chrome: hidden when it cannot load). */
export async function fillCategorySelect(
  slot: HTMLElement,
  current: string,
  onCategory: (slug: string) => void,
): Promise<void> {
  try {
    const categories = await fetchJson<Category[]>('/api/categories', { timeoutMs: 5000 });
    const options = [
      { value: '', label: 'All categories' },
      ...categories.map((c) => ({ value: c.slug, label: c.name })),
    ];
    const el = select('category-select', options, current);
    el.addEventListener('change', () => onCategory(el.value));
    replaceChildren(slot, labelled('Category', el));
  } catch {
    replaceChildren(slot);
  }
}

/** The fields visitors can filter `category` by (`GET /api/custom-fields?category=`); none when it fails. */
export async function loadCustomFields(category: string): Promise<PublicCustomField[]> {
  const query = category ? `?category=${encodeURIComponent(category)}` : '';
  try {
    const list = await fetchJson<{ fields: PublicCustomField[] }>(`/api/custom-fields${query}`, {
      timeoutMs: 5000,
    });
    return list.fields;
  } catch {
    return []; // optional chrome: the grid works without these filters
  }
}

/**
 * A select per choice field (select, multi_select): "Any" + its options. Other field types have no finite
 * choices to offer and are left out.
 */
export function renderCustomFilters(
  slot: HTMLElement,
  fields: PublicCustomField[],
  current: Record<string, string>,
  onCustom: (slug: string, value: string) => void,
): void {
  replaceChildren(slot);
  for (const field of fields) {
    if (!field.options?.length) continue;
    const options = [{ value: '', label: 'Any' }, ...field.options.map((o) => ({ value: o, label: o }))];
    const el = select(`custom-filter-${field.slug}`, options, current[field.slug] ?? '');
    el.dataset.field = field.slug;
    el.addEventListener('change', () => onCustom(field.slug, el.value));
    slot.appendChild(labelled(field.name, el));
  }
}
