/**
 * The player's dialogs (share, keyboard shortcuts): a native `<dialog>` opened modal — the browser keeps the
 * rest of the page inert — plus an explicit focus trap on Tab/Shift+Tab, Escape to close and the focus given
 * back to what had it.
 */
import { h } from '../../shared/dom.js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex="0"]';

export interface PlayerModal {
  dialog: HTMLDialogElement;
  open(): void;
  close(): void;
}

export function playerModal(opts: { id: string; title: string; body: Node[] }): PlayerModal {
  const titleId = `${opts.id}-title`;
  const close = h('button', { type: 'button', class: 'btn btn-ghost player-modal-close' }, 'Close');
  const dialog = h(
    'dialog',
    { id: opts.id, class: 'player-modal', 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'player-modal-head' },
      h('h2', { id: titleId, class: 'player-modal-title' }, opts.title),
      close,
    ),
    ...opts.body,
  );
  let opener: Element | null = null;
  const doClose = () => {
    if (!dialog.open) return;
    dialog.close();
  };
  close.addEventListener('click', doClose);
  dialog.addEventListener('close', () => {
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      doClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  });
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) doClose(); // the backdrop
  });
  document.body.appendChild(dialog);
  return {
    dialog,
    open() {
      if (dialog.open) return;
      opener = document.activeElement;
      dialog.showModal();
      close.focus();
    },
    close: doClose,
  };
}
