/**
 * Share (ui.md §1.4, plus the start time issue 13 asks for): a dialog with the video's link, a "Start at
 * m:ss" checkbox that adds `?t=<seconds>` (the watch page honours it: start-time.ts) and a Copy button.
 * Test hooks: `#share-button`, `#share-dialog`, `#share-url`, `#share-start`, `#share-copy`, `#share-status`.
 */
import { h } from '../../shared/dom.js';
import { formatDuration } from '../../shared/format.js';
import { controlButton } from './control-button.js';
import { playerModal } from './modal.js';

/** The link to share: the watch page of `slug`, starting at `seconds` when given (> 0). */
export function shareUrl(origin: string, slug: string, seconds: number | null): string {
  const url = new URL(`/watch/${encodeURIComponent(slug)}`, origin);
  if (seconds !== null && seconds > 0) url.searchParams.set('t', String(Math.floor(seconds)));
  return url.toString();
}

async function copyText(input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    return document.execCommand('copy');
  }
}

export function shareButton(video: HTMLVideoElement, slug: string): HTMLButtonElement {
  const url = h('input', {
    id: 'share-url',
    class: 'input player-share-url',
    readonly: true,
    'aria-label': 'Link',
  });
  const start = h('input', { id: 'share-start', type: 'checkbox' });
  const startLabel = h('span', null, 'Start at 0:00');
  const status = h('p', { id: 'share-status', class: 'muted small', role: 'status' });
  const copy = h('button', { id: 'share-copy', type: 'button', class: 'btn btn-primary' }, 'Copy');
  const at = () => Math.floor(video.currentTime);
  const refresh = () => {
    url.value = shareUrl(location.origin, slug, start.checked ? at() : null);
    status.textContent = '';
  };
  start.addEventListener('change', refresh);
  copy.addEventListener('click', () => {
    void copyText(url).then((ok) => {
      status.textContent = ok ? 'Link copied' : 'Copy failed: select the link and copy it';
    });
  });
  const modal = playerModal({
    id: 'share-dialog',
    title: 'Share',
    body: [
      h('div', { class: 'player-share-row' }, url, copy),
      h('label', { class: 'player-share-start' }, start, startLabel),
      status,
    ],
  });
  const button = controlButton({
    id: 'share-button',
    icon: 'share',
    label: 'Share',
    onClick: () => {
      startLabel.textContent = `Start at ${formatDuration(at())}`;
      refresh();
      modal.open();
    },
  });
  button.element.setAttribute('aria-haspopup', 'dialog');
  return button.element;
}
