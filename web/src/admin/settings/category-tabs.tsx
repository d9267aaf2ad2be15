/**
 * The settings categories as a second, smaller tab bar (WAI-ARIA tabs: arrow keys, Home/End,
 * automatic activation, roving tabindex). Ids: `settings-tab-<category>` / `settings-panel-<category>`.
 */
import { useRef } from 'preact/hooks';
import { categoryLabel } from './setting-value.js';

export const tabId = (category: string) => `settings-tab-${category}`;
export const panelId = (category: string) => `settings-panel-${category}`;

export function CategoryTabs(props: {
  categories: string[];
  selected: string;
  onSelect: (category: string) => void;
}) {
  const { categories, selected, onSelect } = props;
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(ev: KeyboardEvent): void {
    const index = categories.indexOf(selected);
    const last = categories.length - 1;
    const next =
      ev.key === 'ArrowRight' || ev.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : ev.key === 'ArrowLeft' || ev.key === 'ArrowUp'
          ? index <= 0
            ? last
            : index - 1
          : ev.key === 'Home'
            ? 0
            : ev.key === 'End'
              ? last
              : null;
    const category = next === null ? undefined : categories[next];
    if (category === undefined) return;
    ev.preventDefault();
    onSelect(category);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(category))}`)?.focus();
  }

  return (
    <div
      ref={list}
      class="subtabs"
      role="tablist"
      aria-label="Settings categories"
      aria-orientation="vertical"
    >
      {categories.map((category) => {
        const isSelected = category === selected;
        return (
          <button
            key={category}
            type="button"
            role="tab"
            id={tabId(category)}
            class={isSelected ? 'subtab active' : 'subtab'}
            aria-selected={isSelected ? 'true' : 'false'}
            aria-controls={panelId(category)}
            tabIndex={isSelected ? 0 : -1}
            data-category={category}
            onClick={() => onSelect(category)}
            onKeyDown={onKeyDown}
          >
            {categoryLabel(category)}
          </button>
        );
      })}
    </div>
  );
}
