/**
 * The bulk bar of the Videos tab (ui.md §2.2): how many videos are selected, Select All (the rows shown) /
 * Deselect All, and the operations Delete, Update, Re-transcode and Set Custom Fields. Restore lives in
 * the Archive view, where the archived videos are (the same bar with its one action).
 *
 * Test hooks: `#bulk-bar`, `#bulk-count`, `#bulk-select-all`, `#bulk-deselect-all` (in the Archive view
 * `#archive-bulk-bar`, `#archive-bulk-count`…),
 * `[data-bulk="delete"|"update"|"retranscode"|"custom-fields"|"restore"]`.
 */
import type { ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import type { IconName } from '../../shared/dom.js';
import type { BulkContext } from './bulk-dialog.js';
import { openBulkCustomFields } from './bulk-custom-fields.js';
import { openBulkForm } from './bulk-forms.js';
import type { Selection } from './selection.js';

/** One button of the bar: `data-bulk` hook, label, and the dialog it opens. */
export interface BulkAction {
  key: string;
  label: string;
  icon?: IconName;
  danger?: boolean;
  open: (ctx: BulkContext) => void;
}

/** The Videos tab's operations (Restore is the Archive view's). */
export const VIDEO_BULK_ACTIONS: BulkAction[] = [
  { key: 'update', label: 'Update…', open: (ctx) => openBulkForm('update', ctx) },
  { key: 'retranscode', label: 'Re-transcode…', open: (ctx) => openBulkForm('retranscode', ctx) },
  { key: 'custom-fields', label: 'Set Custom Fields…', open: openBulkCustomFields },
  {
    key: 'delete',
    label: 'Delete…',
    icon: 'trash',
    danger: true,
    open: (ctx) => openBulkForm('delete', ctx),
  },
];

export const ARCHIVE_BULK_ACTIONS: BulkAction[] = [
  { key: 'restore', label: 'Restore…', icon: 'refresh', open: (ctx) => openBulkForm('restore', ctx) },
];

export interface BulkBarProps {
  api: ApiClient;
  selection: Selection;
  /** The rows shown (Select All ticks these). */
  shown: ReadonlyArray<{ id: number; title: string }>;
  actions: BulkAction[];
  /** Prefix of the element ids ('' on the Videos tab, 'archive-' in the Archive view): both bars are mounted. */
  idPrefix?: string;
  /** A bulk request reached the server: reload the list. */
  changed: () => void;
}

export function BulkBar({ api, selection, shown, actions, idPrefix = '', changed }: BulkBarProps) {
  const n = selection.count.value;
  const context = (): BulkContext => ({
    api,
    ids: selection.list(),
    titles: new Map(shown.map((v) => [v.id, v.title])),
    done: () => {
      selection.clear();
      changed();
    },
  });
  const allShown = shown.length > 0 && shown.every((v) => selection.has(v.id));
  return (
    <div id={`${idPrefix}bulk-bar`} class="bulk-bar" role="region" aria-label="Bulk actions">
      <span id={`${idPrefix}bulk-count`} class="bulk-count" aria-live="polite">
        {n === 0 ? 'None selected' : `${n} selected`}
      </span>
      <Button
        id={`${idPrefix}bulk-select-all`}
        size="sm"
        disabled={allShown}
        onClick={() => selection.selectAll(shown.map((v) => v.id))}
      >
        Select All
      </Button>
      <Button
        id={`${idPrefix}bulk-deselect-all`}
        size="sm"
        disabled={n === 0}
        onClick={() => selection.clear()}
      >
        Deselect All
      </Button>
      <span class="bulk-sep" aria-hidden="true" />
      {actions.map((a) => (
        <Button
          key={a.key}
          size="sm"
          variant={a.danger ? 'ghost-danger' : 'secondary'}
          icon={a.icon}
          data-bulk={a.key}
          disabled={n === 0}
          onClick={() => a.open(context())}
        >
          {a.label}
        </Button>
      ))}
    </div>
  );
}
