/**
 * Modal dialog on the native <dialog>: `showModal()` makes the rest of the page inert, Tab and Shift+Tab
 * wrap around inside the dialog (the browser would move on to its own toolbar), and Escape, the × button and
 * a click on the backdrop all call `onClose`. `openOverlay()` mounts a modal
 * outside the tab tree and unmounts it on close, returning focus to the element that opened it.
 */
import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { Icon } from './icon.js';

const FOCUSABLE = 'button, [href], input, select, textarea, video[controls], [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside `dialog`: from the last control to the first, and Shift+Tab the other way. */
function trapTab(dialog: HTMLDialogElement, ev: KeyboardEvent): void {
  if (ev.key !== 'Tab') return;
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0,
  );
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const inside = dialog.contains(document.activeElement);
  if (ev.shiftKey && (document.activeElement === first || !inside)) {
    ev.preventDefault();
    last.focus();
  } else if (!ev.shiftKey && (document.activeElement === last || !inside)) {
    ev.preventDefault();
    first.focus();
  }
}

export interface ModalProps {
  title: string;
  onClose: () => void;
  id?: string;
  /** Extra classes on the <dialog> (`modal-sm`, `modal-lg`…). */
  class?: string;
  role?: 'dialog' | 'alertdialog';
  footer?: ComponentChildren;
  children?: ComponentChildren;
}

export function Modal(props: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const cancel = (ev: Event): void => {
      ev.preventDefault();
      onClose.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => dialog.removeEventListener('cancel', cancel);
  }, []);

  const onBackdrop = (ev: MouseEvent): void => {
    const dialog = ref.current;
    if (!dialog || ev.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    const inside =
      ev.clientX >= r.left && ev.clientX <= r.right && ev.clientY >= r.top && ev.clientY <= r.bottom;
    if (!inside) props.onClose();
  };

  return (
    <dialog
      ref={ref}
      id={props.id}
      class={props.class ? `modal ${props.class}` : 'modal'}
      role={props.role}
      aria-labelledby={titleId}
      onClick={onBackdrop}
      onKeyDown={(ev) => ref.current && trapTab(ref.current, ev)}
    >
      <div class="modal-header">
        <h2 id={titleId} class="modal-title">
          {props.title}
        </h2>
        <button type="button" class="btn btn-icon modal-close" aria-label="Close" onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </div>
      <div class="modal-body">{props.children}</div>
      {props.footer ? <div class="modal-footer">{props.footer}</div> : null}
    </dialog>
  );
}

/** Mount `view(close)` (a <Modal>) in its own container; `close()` unmounts it and restores focus. */
export function openOverlay(view: (close: () => void) => VNode): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const host = document.createElement('div');
  document.body.appendChild(host);
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    render(null, host);
    host.remove();
    if (opener?.isConnected) opener.focus();
  };
  render(view(close), host);
  return close;
}
