/**
 * Admin DOM helpers: re-exports the shared element builder and adds toasts,
 * modal dialogs (native <dialog>, which traps focus and closes on Escape) and a
 * confirm dialog.
 */
import { h, icon } from '../shared/dom.js';

export { announce, append, h, icon, must, replaceChildren } from '../shared/dom.js';
export type { Child } from '../shared/dom.js';

export type ToastKind = 'info' | 'success' | 'error';

/** Show a toast in `#toast-region` (an aria-live region). */
export function toast(
  message: string,
  kind: ToastKind = 'info',
  timeoutMs = kind === 'error' ? 8000 : 5000,
): void {
  let region = document.getElementById('toast-region');
  if (!region) {
    region = h('div', { id: 'toast-region', class: 'toasts', 'aria-live': 'polite' });
    document.body.appendChild(region);
  }
  const close = h(
    'button',
    { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notification' },
    icon('close', 'icon icon-sm'),
  );
  const el = h(
    'div',
    { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', { class: 'toast-text' }, message),
    close,
  );
  const remove = (): void => {
    el.classList.add('leaving');
    window.setTimeout(() => el.remove(), 200);
  };
  close.addEventListener('click', remove);
  region.appendChild(el);
  window.setTimeout(remove, timeoutMs);
}

export interface ModalOptions {
  title: string;
  /** Extra class on the <dialog>. */
  className?: string;
  /** Called after the dialog closed and was removed. */
  onClose?: () => void;
}

export interface Modal {
  dialog: HTMLDialogElement;
  body: HTMLDivElement;
  footer: HTMLDivElement;
  close(): void;
}

let modalCounter = 0;

/** Open a modal <dialog>; it is removed from the DOM when closed and focus returns to the opener. */
export function openModal(opts: ModalOptions): Modal {
  const id = `modal-${++modalCounter}`;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const closeButton = h(
    'button',
    { type: 'button', class: 'btn btn-icon modal-close', 'aria-label': 'Close' },
    icon('close'),
  );
  const body = h('div', { class: 'modal-body' });
  const footer = h('div', { class: 'modal-footer' });
  const dialog = h(
    'dialog',
    { class: `modal ${opts.className ?? ''}`.trim(), 'aria-labelledby': `${id}-title` },
    h(
      'div',
      { class: 'modal-header' },
      h('h2', { id: `${id}-title`, class: 'modal-title' }, opts.title),
      closeButton,
    ),
    body,
    footer,
  );
  const close = (): void => {
    if (dialog.open) dialog.close();
  };
  closeButton.addEventListener('click', close);
  // Click on the backdrop (outside the dialog box) closes it.
  dialog.addEventListener('click', (ev) => {
    if (ev.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    const inside =
      ev.clientX >= r.left && ev.clientX <= r.right && ev.clientY >= r.top && ev.clientY <= r.bottom;
    if (!inside) close();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    opts.onClose?.();
    if (opener?.isConnected) opener.focus();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  return { dialog, body, footer, close };
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
}

/**
 * Promise-based confirm dialog. Test hooks: `#confirm-dialog`, `#confirm-ok`, `#confirm-cancel`.
 */
export function confirmDialog(opts: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    let result = false;
    const modal = openModal({ title: opts.title, className: 'modal-sm', onClose: () => resolve(result) });
    modal.dialog.id = 'confirm-dialog';
    modal.dialog.setAttribute('role', 'alertdialog');
    modal.body.appendChild(h('p', { class: 'confirm-message' }, opts.message));
    const cancel = h(
      'button',
      { type: 'button', id: 'confirm-cancel', class: 'btn btn-secondary' },
      'Cancel',
    );
    const ok = h(
      'button',
      { type: 'button', id: 'confirm-ok', class: opts.danger ? 'btn btn-danger' : 'btn btn-primary' },
      opts.confirmLabel ?? 'OK',
    );
    cancel.addEventListener('click', () => modal.close());
    ok.addEventListener('click', () => {
      result = true;
      modal.close();
    });
    modal.footer.append(cancel, ok);
    cancel.focus();
  });
}

/** True while the user is typing in a form control (keyboard shortcuts ignore those keys). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
