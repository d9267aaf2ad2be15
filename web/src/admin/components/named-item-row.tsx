/**
 * A row of a named, counted list (categories, tags): name, slug, optional description, the video count,
 * Rename in place and Delete after a confirmation. The caller supplies the API calls, the confirmation's
 * text and the row's data attributes. Test hooks: `[data-action="rename"|"delete"]`, `[data-testid="video-count"]`.
 */
import { useState } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from './button.js';
import { confirmDialog } from './confirm.js';
import { InlineRename } from './inline-rename.js';
import { toast } from './toast.js';

export const videoCount = (n: number) => `${n} ${n === 1 ? 'video' : 'videos'}`;

export interface NamedItem {
  id: number;
  name: string;
  slug: string;
  video_count: number;
  description?: string;
}

export function NamedItemRow(props: {
  item: NamedItem;
  /** "Category", "Tag": in labels, titles and toasts. */
  kind: string;
  maxLength: number;
  deleteMessage: string;
  rename: (name: string) => Promise<unknown>;
  remove: () => Promise<unknown>;
  changed: () => void;
  attrs: Record<string, string | number>;
}) {
  const { item, kind } = props;
  const [renaming, setRenaming] = useState(false);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    const ok = await confirmDialog({
      title: `Delete ${kind.toLowerCase()}`,
      message: props.deleteMessage,
      confirmLabel: `Delete ${kind.toLowerCase()}`,
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      await props.remove();
      toast(`${kind} “${item.name}” deleted`, 'success');
      props.changed();
    } catch (err) {
      toast(`Could not delete “${item.name}”: ${errorMessage(err)}`, 'error');
      setBusy(false);
    }
  };

  return (
    <li class="organise-row" {...props.attrs}>
      <div class="organise-main">
        {renaming ? (
          <InlineRename
            id={`${kind.toLowerCase()}-rename-${item.id}`}
            label={`${kind} name`}
            initial={item.name}
            maxLength={props.maxLength}
            onSave={async (name) => {
              await props.rename(name);
              toast(`${kind} renamed to “${name}”`, 'success');
              props.changed();
            }}
            onDone={() => setRenaming(false)}
          />
        ) : (
          <>
            <span class="organise-name">{item.name}</span>
            <span class="muted small organise-slug">/{item.slug}</span>
            {item.description && <p class="muted small organise-description">{item.description}</p>}
          </>
        )}
      </div>
      <span class="organise-count" data-testid="video-count">
        {videoCount(item.video_count)}
      </span>
      {!renaming && (
        <div class="organise-actions">
          <Button
            size="sm"
            variant="ghost"
            data-action="rename"
            aria-label={`Rename ${item.name}`}
            onClick={() => setRenaming(true)}
          >
            Rename
          </Button>
          <Button
            size="sm"
            variant="ghost-danger"
            icon="trash"
            busy={busy}
            data-action="delete"
            aria-label={`Delete ${item.name}`}
            onClick={() => void remove()}
          >
            Delete
          </Button>
        </div>
      )}
    </li>
  );
}
