/**
 * The bulk bar of the Videos tab (ui.md §2.2): how many videos are selected, Select All (the rows shown) /
 * Deselect All, and the operations Delete, Update, Re-transcode and Set Custom Fields. Restore lives in
 * the Archive view, where the archived videos are.
 *
 * Test hooks: `#bulk-bar`, `#bulk-count`, `#bulk-select-all`, `#bulk-deselect-all`,
 * `[data-bulk="delete"|"update"|"retranscode"|"custom-fields"]`.
 */
import type { ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import type { BulkContext } from './bulk-dialog.js';
import { openBulkCustomFields } from './bulk-custom-fields.js';
import { openBulkForm } from './bulk-forms.js';
import type { Selection } from './selection.js';

export interface BulkBarProps {
  api: ApiClient;
  selection: Selection;
  /** The rows shown (Select All ticks these). */
  shown: ReadonlyArray<{ id: number; title: string }>;
  /** A bulk request reached the server: reload the list. */
  changed: () => void;
}

export function BulkBar({ api, selection, shown, changed }: BulkBarProps) {
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
    <div id="bulk-bar" class="bulk-bar" role="region" aria-label="Bulk actions">
      <span id="bulk-count" class="bulk-count" aria-live="polite">
        {n === 0 ? 'None selected' : `${n} selected`}
      </span>
      <Button
        id="bulk-select-all"
        size="sm"
        disabled={allShown}
        onClick={() => selection.selectAll(shown.map((v) => v.id))}
      >
        Select All
      </Button>
      <Button id="bulk-deselect-all" size="sm" disabled={n === 0} onClick={() => selection.clear()}>
        Deselect All
      </Button>
      <span class="bulk-sep" aria-hidden="true" />
      <Button
        size="sm"
        data-bulk="update"
        disabled={n === 0}
        onClick={() => openBulkForm('update', context())}
      >
        Update…
      </Button>
      <Button
        size="sm"
        data-bulk="retranscode"
        disabled={n === 0}
        onClick={() => openBulkForm('retranscode', context())}
      >
        Re-transcode…
      </Button>
      <Button
        size="sm"
        data-bulk="custom-fields"
        disabled={n === 0}
        onClick={() => openBulkCustomFields(context())}
      >
        Set Custom Fields…
      </Button>
      <Button
        size="sm"
        variant="ghost-danger"
        icon="trash"
        data-bulk="delete"
        disabled={n === 0}
        onClick={() => openBulkForm('delete', context())}
      >
        Delete…
      </Button>
    </div>
  );
}
