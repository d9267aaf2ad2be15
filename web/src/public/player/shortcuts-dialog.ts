/** The `?` dialog listing the player's keyboard shortcuts (`#player-shortcuts-dialog`). */
import { h } from '../../shared/dom.js';
import { playerModal, type PlayerModal } from './modal.js';
import { PLAYER_SHORTCUTS } from './shortcut-list.js';

export function shortcutsDialog(): PlayerModal {
  const rows = PLAYER_SHORTCUTS.map(([keys, action]) =>
    h('div', { class: 'player-shortcut' }, h('dt', null, h('kbd', null, keys)), h('dd', null, action)),
  );
  return playerModal({
    id: 'player-shortcuts-dialog',
    title: 'Keyboard shortcuts',
    body: [h('dl', { class: 'player-shortcuts' }, ...rows)],
  });
}
