/**
 * Toasts: `toast(message, kind)` from anywhere; `<ToastRegion>` (mounted once into `#toast-region`, an
 * aria-live region) shows them. Errors stay 8 s, others 5 s; each can be dismissed.
 */
import { signal } from '@preact/signals';
import { Icon } from './icon.js';

export type ToastKind = 'info' | 'success' | 'error';

interface ToastItem {
  id: number;
  message: string;
  kind: ToastKind;
  leaving: boolean;
}

const toasts = signal<ToastItem[]>([]);
let nextId = 0;

function dismiss(id: number): void {
  toasts.value = toasts.value.map((t) => (t.id === id ? { ...t, leaving: true } : t));
  window.setTimeout(() => {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }, 200);
}

export function toast(
  message: string,
  kind: ToastKind = 'info',
  timeoutMs = kind === 'error' ? 8000 : 5000,
): void {
  const id = ++nextId;
  toasts.value = [...toasts.value, { id, message, kind, leaving: false }];
  window.setTimeout(() => dismiss(id), timeoutMs);
}

export function ToastRegion() {
  return (
    <>
      {toasts.value.map((t) => (
        <div
          key={t.id}
          class={`toast toast-${t.kind}${t.leaving ? ' leaving' : ''}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
        >
          <span class="toast-text">{t.message}</span>
          <button
            type="button"
            class="toast-close"
            aria-label="Dismiss notification"
            onClick={() => dismiss(t.id)}
          >
            <Icon name="close" size="sm" />
          </button>
        </div>
      ))}
    </>
  );
}
