/** The watch page's keyboard shortcuts (ui.md §1.4), as shown in the `?` dialog. */
export const PLAYER_SHORTCUTS: ReadonlyArray<readonly [keys: string, action: string]> = [
  ['Space / K', 'Play or pause'],
  ['← / →', 'Back / forward 10 seconds'],
  ['↑ / ↓', 'Volume up / down 10 %'],
  ['M', 'Mute or unmute'],
  ['F', 'Fullscreen'],
  ['T', 'Theater mode'],
  ['C', 'Captions on or off'],
  ['P', 'Picture-in-picture'],
  ['Shift + > / Shift + <', 'Faster / slower'],
  ['Shift + C', 'Next chapter'],
  ['Ctrl/Cmd + Shift + C', 'Previous chapter'],
  ['0 – 9', 'Jump to 0 % – 90 %'],
  ['?', 'This list'],
  ['Esc', 'Close the dialog or panel, then leave theater mode'],
];
