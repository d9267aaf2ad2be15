/**
 * Playback speed menu (ui.md §1.4: 0.25–2×), the menu-button pattern of the quality menu: `#speed-button`
 * (aria-haspopup, aria-expanded) opens `#speed-list[role=menu]` of `menuitemradio`s (`data-rate`).
 * Keyboard: Enter/Space/ArrowUp/ArrowDown open; arrows, Home/End move; Enter/Space choose; Escape/Tab close.
 */
import { h } from '../../shared/dom.js';
import { playerIcon } from './player-icons.js';

export const SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

export const speedLabel = (rate: number) => (rate === 1 ? 'Normal' : `${rate}×`);

/** The next speed up (`step` 1) or down (-1) from `rate`, staying within the list. */
export function stepSpeed(rate: number, step: 1 | -1): number {
  const index = SPEEDS.findIndex((s) => s >= rate - 1e-6);
  const at = index === -1 ? SPEEDS.length - 1 : index;
  const exact = Math.abs((SPEEDS[at] ?? 1) - rate) < 1e-6;
  const next = step === 1 ? (exact ? at + 1 : at) : at - 1;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, next))] ?? 1;
}

/** Keys inside the open list: arrows, Home/End move; Enter/Space choose; Escape closes (focus back); Tab closes. */
function menuKeys(
  items: HTMLElement[],
  choose: (rate: number) => void,
  setOpen: (open: boolean) => void,
  button: HTMLElement,
) {
  return (e: KeyboardEvent) => {
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (e.key === 'Tab') return setOpen(false);
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') choose(Number(items[index]?.dataset.rate ?? 1));
    else if (e.key === 'Escape') {
      setOpen(false);
      button.focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
}

export function speedMenu(video: HTMLVideoElement): HTMLElement {
  const current = h('span', { class: 'player-speed-current' }, '1×');
  const button = h(
    'button',
    {
      type: 'button',
      id: 'speed-button',
      class: 'player-button player-speed-button',
      'aria-haspopup': 'menu',
      'aria-expanded': 'false',
      'aria-controls': 'speed-list',
      'aria-label': 'Playback speed: 1×',
      title: 'Playback speed (Shift+> / Shift+<)',
    },
    playerIcon('speed'),
    current,
  );
  const items = SPEEDS.map((rate) =>
    h(
      'li',
      {
        class: 'quality-item',
        role: 'menuitemradio',
        tabindex: '-1',
        'aria-checked': 'false',
        dataset: { rate },
      },
      speedLabel(rate),
    ),
  );
  const list = h(
    'ul',
    {
      id: 'speed-list',
      class: 'quality-list player-menu',
      role: 'menu',
      'aria-label': 'Playback speed',
      hidden: true,
    },
    ...items,
  );
  const element = h('div', { class: 'quality-menu player-speed' }, button, list);

  const setOpen = (open: boolean, focusIndex = -1) => {
    list.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) {
      const checked = items.findIndex((i) => i.getAttribute('aria-checked') === 'true');
      items[focusIndex >= 0 ? focusIndex : Math.max(0, checked)]?.focus();
    }
  };
  const choose = (rate: number) => {
    video.playbackRate = rate;
    setOpen(false);
    button.focus();
  };
  const sync = () => {
    const rate = video.playbackRate;
    current.textContent = `${rate}×`;
    // The name contains the visible text (`1.5×`): voice control users say what they see.
    button.setAttribute('aria-label', `Playback speed: ${current.textContent}`);
    items.forEach((item) => item.setAttribute('aria-checked', String(Number(item.dataset.rate) === rate)));
  };

  button.addEventListener('click', () => setOpen(list.hidden));
  button.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    setOpen(true, e.key === 'ArrowUp' ? items.length - 1 : -1);
  });
  list.addEventListener('click', (e) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>('[data-rate]');
    if (item) choose(Number(item.dataset.rate));
  });
  list.addEventListener('keydown', menuKeys(items, choose, setOpen, button));
  document.addEventListener('click', (e) => {
    if (!list.hidden && !element.contains(e.target as Node)) setOpen(false);
  });
  video.addEventListener('ratechange', sync);
  sync();
  return element;
}
