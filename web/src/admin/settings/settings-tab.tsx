/**
 * The Settings tab (ui.md §2.2): one sub-tab per category of GET /api/settings/categories, each setting
 * edited by its type and saved on its own; Export / Import of the whole table. The API lists the settings
 * stored in the database, so a fresh install may have none yet: the empty state offers to seed them from
 * the environment or import a file. Watermark is rendered like every other category (no image uploader yet).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { CategoryPanel } from './category-panel.js';
import { CategoryTabs } from './category-tabs.js';
import { settingsApi, type SettingsApi } from './settings-api.js';
import { SettingsSkeleton } from './settings-skeleton.js';
import { downloadExport, openImportDialog } from './settings-transfer.js';

type Load =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; categories: string[] };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ImportButton({ api, onImported }: { api: SettingsApi; onImported: () => void }) {
  return (
    <Button id="settings-import" icon="upload" onClick={() => openImportDialog(api, onImported)}>
      Import
    </Button>
  );
}

function SettingsHeader({ api, onImported }: { api: SettingsApi; onImported: () => void }) {
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
        <Button id="settings-export" busy={exporting.value} onClick={() => void exportAll()}>
          Export
        </Button>
        <ImportButton api={api} onImported={onImported} />
      </div>
    </div>
  );
}

/** Nothing stored yet: store the environment's values (POST /api/settings/seed-from-env) or import. */
function NoSettings({ api, onStored }: { api: SettingsApi; onStored: () => void }) {
  const seeding = useSignal(false);
  async function seed(): Promise<void> {
    seeding.value = true;
    try {
      const r = await api.seedFromEnv();
      const refused = r.details.filter((d) => d.status === 'error');
      if (r.seeded > 0) toast(`Stored ${plural(r.seeded, 'setting')} from the environment`, 'success');
      if (refused.length > 0)
        toast(`Not stored (refused): ${refused.map((d) => d.reason ?? d.key).join('; ')}`, 'error');
      else if (r.seeded === 0) toast('No environment variable of a setting is set', 'info');
      if (r.seeded > 0) onStored();
    } catch (err) {
      toast(`Seeding failed: ${errorMessage(err)}`, 'error');
    } finally {
      seeding.value = false;
    }
  }
  return (
    <EmptyState icon="gear" title="No settings stored yet">
      <p class="muted">
        Every setting follows its environment variable or default until a value is stored here. Store the
        environment's values, or import an export.
      </p>
      <div class="empty-actions">
        <Button id="settings-seed" variant="primary" busy={seeding.value} onClick={() => void seed()}>
          Store environment values
        </Button>
        <ImportButton api={api} onImported={onStored} />
      </div>
    </EmptyState>
  );
}

function SettingsTab({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => settingsApi(ctx.api), [ctx.api]);
  const load = useSignal<Load>({ kind: 'loading' });
  const selected = useSignal('');
  const reloadCount = useSignal(0);

  async function fetchCategories(): Promise<void> {
    if (load.value.kind !== 'ready') load.value = { kind: 'loading' };
    try {
      const categories = await api.categories();
      load.value = { kind: 'ready', categories };
      if (!categories.includes(selected.value)) selected.value = categories[0] ?? '';
    } catch (err) {
      load.value = { kind: 'error', message: errorMessage(err) };
    }
  }

  /** After an import or seeding: new categories may exist and the open one may hold new values. */
  function reloadAll(): void {
    reloadCount.value += 1;
    void fetchCategories();
  }

  // Shown again or signed in again: the categories may have changed elsewhere (another admin, the CLI).
  useEffect(() => {
    const unsubscribers = [
      active.subscribe((on) => on && void fetchCategories()),
      refreshCount.subscribe((n) => n > 0 && void fetchCategories()),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  const current = load.value;
  const categories = current.kind === 'ready' ? current.categories : [];
  return (
    <div class="settings-tab">
      <SettingsHeader api={api} onImported={reloadAll} />
      {current.kind === 'loading' ? <SettingsSkeleton /> : null}
      {current.kind === 'error' ? (
        <ErrorState
          title="Could not load settings"
          message={current.message}
          onRetry={() => void fetchCategories()}
        />
      ) : null}
      {current.kind === 'ready' && categories.length === 0 ? (
        <NoSettings api={api} onStored={reloadAll} />
      ) : null}
      {categories.length > 0 ? (
        <div class="settings-layout">
          <CategoryTabs
            categories={categories}
            selected={selected.value}
            onSelect={(c) => (selected.value = c)}
          />
          {selected.value ? (
            <CategoryPanel
              key={selected.value}
              category={selected.value}
              api={api}
              reloadCount={reloadCount.value}
              onEmptied={() => void fetchCategories()}
            />
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
