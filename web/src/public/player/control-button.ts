/** One button of the control bar: an icon, an accessible label (also the tooltip), optional `aria-pressed`. */
import { h } from '../../shared/dom.js';
import { playerIcon, type PlayerIconName } from './player-icons.js';

export interface ControlButton {
  element: HTMLButtonElement;
  /** Changes the icon and label (e.g. Play ↔ Pause); `pressed` sets aria-pressed when given. */
  set(state: { icon?: PlayerIconName; label?: string; pressed?: boolean }): void;
}

export function controlButton(opts: {
  id: string;
  icon: PlayerIconName;
  label: string;
  shortcut?: string;
  pressed?: boolean;
  onClick: () => void;
}): ControlButton {
  const element = h('button', {
    type: 'button',
    id: opts.id,
    class: 'player-button',
    'aria-label': opts.label,
    title: opts.shortcut ? `${opts.label} (${opts.shortcut})` : opts.label,
    'aria-pressed': opts.pressed === undefined ? null : String(opts.pressed),
    'aria-keyshortcuts': opts.shortcut ?? null,
    on: { click: opts.onClick },
  });
  element.appendChild(playerIcon(opts.icon));
  return {
    element,
    set({ icon, label, pressed }) {
      if (icon) element.replaceChildren(playerIcon(icon));
      if (label) {
        element.setAttribute('aria-label', label);
        element.title = opts.shortcut ? `${label} (${opts.shortcut})` : label;
      }
      if (pressed !== undefined) element.setAttribute('aria-pressed', String(pressed));
    },
  };
}
