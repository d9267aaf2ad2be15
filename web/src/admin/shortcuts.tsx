/**
 * Admin keyboard shortcuts (ui.md §2.3): `/` or Ctrl+K focus the active tab's search box, `?` lists the
 * shortcuts, `1`–`5` open Videos, Upload, Workers, Analytics, Settings (by tab id: a tab that does not
 * exist is skipped); `6` opens Webhooks, a tab the spec's list predates. Ignored while typing in a form
 * control or while a dialog is open; Escape closes the open dialog (every modal is a native
 * <dialog>). Test hook: `#shortcuts-dialog`.
 */
import { Fragment } from 'preact';
import { Modal, openOverlay } from './components/modal.js';
import { isTyping } from '../shared/dom.js';

/** Digit → tab id. */
const TAB_KEYS: Record<string, string> = {
  '1': 'videos',
  '2': 'upload',
  '3': 'workers',
  '4': 'analytics',
  '5': 'settings',
  '6': 'webhooks',
};

const GENERAL: Array<[keys: string[], what: string]> = [
  [['/'], 'Focus the search box'],
  [['Ctrl', 'K'], 'Focus the search box'],
  [['?'], 'Show this list'],
  [['Esc'], 'Close the open dialog'],
];

/** The dialog lists the digit shortcuts of the tabs that exist. */
function openShortcutsDialog(tabs: ReadonlyArray<{ id: string; label: string }>): void {
  const digits = Object.entries(TAB_KEYS).flatMap(([key, id]) => {
    const tab = tabs.find((t) => t.id === id);
    return tab ? [[[key], tab.label] as [string[], string]] : [];
  });
  openOverlay((close) => (
    <Modal id="shortcuts-dialog" class="modal-sm" title="Keyboard shortcuts" onClose={close}>
      <dl class="shortcut-list">
        {[...GENERAL, ...digits].map(([keys, what]) => (
          <div key={keys.join('+')} class="shortcut">
            <dt>
              {keys.map((k, i) => (
                <Fragment key={k}>
                  {i > 0 && ' + '}
                  <kbd>{k}</kbd>
                </Fragment>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  ));
}

export interface ShortcutTarget {
  /** The tabs that exist. */
  tabs(): ReadonlyArray<{ id: string; label: string }>;
  activeTabId(): string | undefined;
  selectTab(id: string): void;
}

function focusSearch(tabId: string | undefined): boolean {
  const box = tabId ? document.querySelector<HTMLInputElement>(`#panel-${tabId} input[type="search"]`) : null;
  if (!box) return false;
  box.focus();
  box.select();
  return true;
}

export function installShortcuts(target: ShortcutTarget): void {
  document.addEventListener('keydown', (ev) => {
    if (ev.altKey || ev.metaKey || ev.defaultPrevented || document.querySelector('dialog[open]')) return;
    if (ev.ctrlKey) {
      if (ev.key.toLowerCase() === 'k' && focusSearch(target.activeTabId())) ev.preventDefault();
      return;
    }
    if (isTyping(ev.target)) return;
    if (ev.key === '/') {
      if (focusSearch(target.activeTabId())) ev.preventDefault();
    } else if (ev.key === '?') {
      ev.preventDefault();
      openShortcutsDialog(target.tabs());
    } else {
      const id = TAB_KEYS[ev.key];
      if (id && target.tabs().some((t) => t.id === id)) {
        ev.preventDefault();
        target.selectTab(id);
      }
    }
  });
}
