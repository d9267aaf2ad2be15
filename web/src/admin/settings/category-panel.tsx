/** The settings of one category (GET /api/settings/category/{category}), each with its own save. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { SettingsSkeleton } from './settings-skeleton.js';
import { panelId, tabId } from './category-tabs.js';
import { categoryLabel } from './setting-value.js';
import type { Setting, SettingsApi } from './settings-api.js';
import { SettingField } from './setting-field.js';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; settings: Setting[] };

export function CategoryPanel(props: {
  category: string;
  api: SettingsApi;
  /** Bumped to reload (after an import or seeding). */
  reloadCount: number;
  /** The last setting of the category was reset: the category has gone from the list. */
  onEmptied: () => void;
}) {
  const { category, api } = props;
  const load = useSignal<Load>({ kind: 'loading' });

  async function fetchSettings(signal?: { cancelled: boolean }): Promise<void> {
    load.value = { kind: 'loading' };
    try {
      const { settings } = await api.category(category);
      if (!signal?.cancelled) load.value = { kind: 'ready', settings };
    } catch (err) {
      if (!signal?.cancelled) load.value = { kind: 'error', message: errorMessage(err) };
    }
  }

  useEffect(() => {
    const signal = { cancelled: false };
    void fetchSettings(signal);
    return () => {
      signal.cancelled = true;
    };
  }, [category, props.reloadCount]);

  const current = load.value;
  const replace = (next: Setting[]) => (load.value = { kind: 'ready', settings: next });

  // Read the signal, not `current`: two fields may answer one after the other before a render.
  function onSaved(updated: Setting): void {
    const now = load.value;
    if (now.kind === 'ready') replace(now.settings.map((s) => (s.key === updated.key ? updated : s)));
  }

  function onReset(key: string): void {
    const now = load.value;
    if (now.kind !== 'ready') return;
    const rest = now.settings.filter((s) => s.key !== key);
    replace(rest);
    toast(`${key} reset: it now follows its environment variable or default`, 'success');
    if (rest.length === 0) props.onEmptied();
  }

  return (
    <div
      class="settings-panel"
      role="tabpanel"
      id={panelId(category)}
      aria-labelledby={tabId(category)}
      aria-busy={current.kind === 'loading' ? 'true' : undefined}
      tabIndex={0}
    >
      <h3 class="settings-panel-title">{categoryLabel(category)}</h3>
      {current.kind === 'loading' ? <SettingsSkeleton /> : null}
      {current.kind === 'error' ? (
        <ErrorState
          title="Could not load these settings"
          message={current.message}
          onRetry={() => void fetchSettings()}
        />
      ) : null}
      {current.kind === 'ready' && current.settings.length === 0 ? (
        <EmptyState icon="gear" title="No settings stored in this category" />
      ) : null}
      {current.kind === 'ready' && current.settings.length > 0 ? (
        <div class="settings-list">
          {current.settings.map((s) => (
            <SettingField key={s.key} setting={s} api={api} onSaved={onSaved} onReset={onReset} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
