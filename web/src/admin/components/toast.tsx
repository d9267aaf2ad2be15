/**
 * Toasts: `toast(message, kind)` from anywhere; `<ToastRegion>` (mounted once into `#toast-region`, an
 * aria-live region) shows them. Errors stay 8 s, others 5 s; each can be dismissed. At most
 * MAX_VISIBLE show at once (oldest leave first), so a burst of actions cannot cover the page.
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
const MAX_VISIBLE = 4;

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
  const shown = toasts.value.filter((t) => !t.leaving);
  for (const old of shown.slice(0, Math.max(0, shown.length - MAX_VISIBLE))) dismiss(old.id);
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
