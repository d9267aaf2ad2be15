/**
 * The Settings tab (ui.md §2.2): one sub-tab per category of GET /api/settings/catalogue (every catalogued
 * setting, stored or not, with its effective value and source), plus the stored custom keys of
 * GET /api/settings; each setting edited by its type and saved on its own; a search box (`/` focuses it)
 * filtering by key, name and description across categories; Export / Import of the stored table.
 * Watermark's sub-tab adds the image's preview, upload and delete (watermark-image.tsx) above its fields.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { CategoryPanel, SearchResults } from './category-panel.js';
import { CategoryTabs, panelId, tabId } from './category-tabs.js';
import { FieldManager } from '../custom-fields/field-manager.js';
import { settingsApi, type Setting, type SettingsApi } from './settings-api.js';
import { filterSettings, mergeSettings, withStored, type SettingsByCategory } from './settings-list.js';
import { SettingsSkeleton } from './settings-skeleton.js';
import { WatermarkImage } from './watermark-image.js';
import { downloadExport, openImportDialog } from './settings-transfer.js';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; categories: SettingsByCategory };

/** The Custom Fields manager's sub-tab: after Watermark (ui.md §2.2), else first. */
const CUSTOM_FIELDS = 'custom-fields';
const withCustomFields = (names: string[]) => {
  const at = names.indexOf('watermark') + 1;
  return [...names.slice(0, at), CUSTOM_FIELDS, ...names.slice(at)];
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function SettingsHeader(props: {
  api: SettingsApi;
  onImported: () => void;
  query: string;
  onQuery: (q: string) => void;
}) {
  const { api } = props;
  const exporting = useSignal(false);
  async function exportAll(): Promise<void> {
    exporting.value = true;
    try {
      toast(`Exported ${plural(await downloadExport(api), 'setting')}`, 'success');
    } catch (err) {
      toast(`Export failed: ${errorMessage(err)}`, 'error');
    } finally {
      exporting.value = false;
    }
  }
  return (
    <div class="panel-head">
      <div class="panel-title-row">
        <h2 class="panel-title">Settings</h2>
        <p class="muted small settings-intro">
          Stored values win over environment variables and defaults, and reach every process within seconds.
        </p>
      </div>
      <div class="toolbar">
        <input
          type="search"
          id="settings-search"
          class="input input-sm"
          placeholder="Search settings"
          aria-label="Search settings by key or description"
          aria-keyshortcuts="/ Control+K"
          value={props.query}
          onInput={(ev) => props.onQuery(ev.currentTarget.value)}
        />
        <Button id="settings-export" busy={exporting.value} onClick={() => void exportAll()}>
          Export
        </Button>
        <Button id="settings-import" icon="upload" onClick={() => openImportDialog(api, props.onImported)}>
          Import
        </Button>
      </div>
    </div>
  );
}

function SettingsTab({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => settingsApi(ctx.api), [ctx.api]);
  const load = useSignal<Load>({ kind: 'loading' });
  const selected = useSignal('');
  const query = useSignal('');

  /** The catalogue and the stored settings; a reload keeps the list shown until the answer comes. */
  async function fetchSettings(): Promise<void> {
    if (load.value.kind !== 'ready') load.value = { kind: 'loading' };
    try {
      const [catalogue, stored] = await Promise.all([api.catalogue(), api.stored()]);
      const categories = mergeSettings(catalogue.categories, stored.categories);
      load.value = { kind: 'ready', categories };
      const names = Object.keys(categories);
      if (!names.includes(selected.value) && selected.value !== CUSTOM_FIELDS)
        selected.value = names[0] ?? '';
    } catch (err) {
      load.value = { kind: 'error', message: errorMessage(err) };
    }
  }

  // Read the signal, not a render's copy: two fields may answer one after the other before a render.
  function onSaved(saved: Setting): void {
    const now = load.value;
    if (now.kind !== 'ready') return;
    const categories = Object.fromEntries(
      Object.entries(now.categories).map(([c, list]) => [
        c,
        list.map((s) => (s.key === saved.key ? withStored(s, saved) : s)),
      ]),
    );
    load.value = { kind: 'ready', categories };
  }

  /** The fallback value and its source come from the server: reload the list. */
  function onReset(key: string): void {
    toast(`${key} reset: it now follows its environment variable or default`, 'success');
    void fetchSettings();
  }

  // Shown again or signed in again: values may have changed elsewhere (another admin, the CLI).
  useEffect(() => {
    const unsubscribers = [
      active.subscribe((on) => on && void fetchSettings()),
      refreshCount.subscribe((n) => n > 0 && void fetchSettings()),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  const current = load.value;
  const categories = current.kind === 'ready' ? current.categories : {};
  const names = Object.keys(categories);
  const handlers = { api, onSaved, onReset };
  const searching = query.value.trim() !== '';
  const open = categories[selected.value];
  return (
    <div class="settings-tab">
      <SettingsHeader
        api={api}
        onImported={() => void fetchSettings()}
        query={query.value}
        onQuery={(q) => (query.value = q)}
      />
      {current.kind === 'loading' ? <SettingsSkeleton /> : null}
      {current.kind === 'error' ? (
        <ErrorState
          title="Could not load settings"
          message={current.message}
          onRetry={() => void fetchSettings()}
        />
      ) : null}
      {current.kind === 'ready' && names.length === 0 ? <EmptyState icon="gear" title="No settings" /> : null}
      {names.length > 0 && searching ? (
        <SearchResults
          found={filterSettings(categories, query.value)}
          query={query.value.trim()}
          {...handlers}
        />
      ) : null}
      {names.length > 0 && !searching ? (
        <div class="settings-layout">
          <CategoryTabs
            categories={withCustomFields(names)}
            selected={selected.value}
            onSelect={(c) => (selected.value = c)}
          />
          {selected.value === CUSTOM_FIELDS ? (
            <div
              class="settings-panel"
              role="tabpanel"
              id={panelId(CUSTOM_FIELDS)}
              aria-labelledby={tabId(CUSTOM_FIELDS)}
            >
              <FieldManager api={ctx.api} reloadKey={refreshCount.value} />
            </div>
          ) : null}
          {open ? (
            <CategoryPanel key={selected.value} category={selected.value} settings={open} {...handlers}>
              {selected.value === 'watermark' ? (
                <WatermarkImage api={ctx.api} onChanged={() => void fetchSettings()} />
              ) : null}
            </CategoryPanel>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export const settingsTab = componentTab({
  id: 'settings',
  label: 'Settings',
  icon: 'gear',
  Component: SettingsTab,
});
