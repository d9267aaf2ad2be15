/**
 * Categories tab (ui.md §2.2): Add Category, the existing categories with their video counts (rename in
 * place — the reference has no rename — and delete after a confirmation), and the Custom Fields manager.
 * Reloads when shown and after signing in again. Test hooks: `#categories`, `#categories-list`,
 * `#categories-count`, `#categories-refresh` (rows: category-row.tsx; form: category-form.tsx).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { useLoad } from '../components/use-load.js';
import { FieldManager } from '../custom-fields/field-manager.js';
import { categoriesApi } from './categories-api.js';
import { CategoryForm } from './category-form.js';
import { CategoryRow } from './category-row.js';

function CategoriesTab({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => categoriesApi(ctx.api), [ctx.api]);
  const { state, reload } = useLoad(api.list);
  // The field manager shows categories as scopes: it reloads whenever they change here.
  const fieldsKey = useSignal(0);
  const changed = () => {
    void reload();
    fieldsKey.value += 1;
  };

  useEffect(() => {
    const unsubscribers = [
      active.subscribe((on) => on && changed()),
      refreshCount.subscribe((n) => n > 0 && changed()),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  const current = state.value;
  const list = current.kind === 'ready' ? current.data : null;
  return (
    <div id="categories" class="organise-tab">
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title">Categories</h2>
          <span class="panel-count" id="categories-count">
            {list ? `${list.length} ${list.length === 1 ? 'category' : 'categories'}` : ''}
          </span>
        </div>
        <div class="toolbar">
          <Button id="categories-refresh" size="sm" icon="refresh" onClick={changed}>
            Refresh
          </Button>
        </div>
      </div>
      <div class="organise-layout">
        <div class="card organise-card">
          <CategoryForm api={api} onCreated={changed} />
        </div>
        <section
          class="card organise-card"
          aria-labelledby="categories-list-title"
          aria-busy={list ? 'false' : 'true'}
        >
          <h3 id="categories-list-title" class="organise-section-title">
            Existing Categories
          </h3>
          {current.kind === 'loading' && (
            <p class="muted" role="status">
              Loading categories…
            </p>
          )}
          {current.kind === 'error' && (
            <ErrorState title="Could not load the categories" message={current.message} onRetry={changed} />
          )}
          {list && list.length === 0 && (
            <EmptyState icon="film" title="No categories yet">
              <p class="muted">Add one to group your videos; it gets its own page on the public site.</p>
            </EmptyState>
          )}
          {list && list.length > 0 && (
            <ul id="categories-list" class="organise-list">
              {list.map((c) => (
                <CategoryRow key={c.id} category={c} api={api} changed={changed} />
              ))}
            </ul>
          )}
        </section>
      </div>
      <FieldManager api={ctx.api} reloadKey={fieldsKey.value} />
    </div>
  );
}

export const categoriesTab = componentTab({
  id: 'categories',
  label: 'Categories',
  Component: CategoriesTab,
});
