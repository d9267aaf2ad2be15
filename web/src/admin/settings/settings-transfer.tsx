/**
 * Export (downloads POST /api/settings/export as a JSON file) and Import (a file picker → POST
 * /api/settings/import; existing settings are kept unless "Overwrite" is chosen; the answer's
 * created / updated / skipped counts and per-key errors are shown).
 */
import { useSignal } from '@preact/signals';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { Modal, openOverlay } from '../components/modal.js';
import { readImportFile } from './setting-value.js';
import type { ImportResult, SettingCreate, SettingsApi } from './settings-api.js';

/** Saves the export as `vlog-settings-<date>.json` through a temporary object URL. */
export async function downloadExport(api: SettingsApi): Promise<number> {
  const data = await api.exportAll();
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `vlog-settings-${data.exported_at.slice(0, 10)}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return data.settings.length;
}

/** Opens the import dialog; `onImported` runs after an import that changed something. */
export function openImportDialog(api: SettingsApi, onImported: () => void): void {
  openOverlay((close) => <ImportDialog api={api} close={close} onImported={onImported} />);
}

function ImportDialog(props: { api: SettingsApi; close: () => void; onImported: () => void }) {
  const file = useSignal<File | null>(null);
  const overwrite = useSignal(false);
  const busy = useSignal(false);
  const error = useSignal('');
  const result = useSignal<ImportResult | null>(null);

  async function submit(ev: Event): Promise<void> {
    ev.preventDefault();
    if (!file.value) {
      error.value = 'Choose a settings export file';
      return;
    }
    busy.value = true;
    error.value = '';
    result.value = null;
    try {
      const parsed = readImportFile(await file.value.text());
      if ('error' in parsed) throw new Error(parsed.error);
      const r = await props.api.importAll(parsed.settings as SettingCreate[], overwrite.value);
      result.value = r;
      if (r.created + r.updated > 0) props.onImported();
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  }

  const r = result.value;
  return (
    <Modal
      id="settings-import-dialog"
      title="Import settings"
      onClose={props.close}
      footer={
        <>
          <Button onClick={props.close}>{r ? 'Close' : 'Cancel'}</Button>
          <Button
            id="settings-import-submit"
            type="submit"
            form="settings-import-form"
            variant="primary"
            icon="upload"
            busy={busy.value}
          >
            Import
          </Button>
        </>
      }
    >
      <form id="settings-import-form" class="import-form" onSubmit={(ev) => void submit(ev)}>
        <div class="field">
          <label class="field-label" for="settings-import-file">
            Settings file (JSON export)
          </label>
          <input
            id="settings-import-file"
            class="input"
            type="file"
            accept="application/json,.json"
            onChange={(ev) => {
              file.value = ev.currentTarget.files?.[0] ?? null;
              result.value = null;
              error.value = '';
            }}
          />
        </div>
        <label class="check-row">
          <input
            id="settings-import-overwrite"
            type="checkbox"
            checked={overwrite.value}
            onChange={(ev) => (overwrite.value = ev.currentTarget.checked)}
          />
          <span>Overwrite settings that already exist (otherwise they are kept and skipped)</span>
        </label>
        {error.value ? (
          <p class="form-error" role="alert" id="settings-import-error">
            {error.value}
          </p>
        ) : null}
        {r ? <ImportSummary result={r} /> : null}
      </form>
    </Modal>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  return (
    <div class="import-result" id="settings-import-result" role="status">
      <p>
        <strong data-count="created">{result.created}</strong> created ·{' '}
        <strong data-count="updated">{result.updated}</strong> updated ·{' '}
        <strong data-count="skipped">{result.skipped}</strong> skipped
        {result.errors.length > 0 ? ` · ${result.errors.length} refused` : ''}
      </p>
      {result.errors.length > 0 ? (
        <ul class="import-errors">
          {result.errors.map((e) => (
            <li key={e.key}>
              <code>{e.key}</code>: {e.error}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
