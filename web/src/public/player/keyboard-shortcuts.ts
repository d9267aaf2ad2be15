/**
 * The player's keys (ui.md §1.4), on the document so they work wherever the focus is on the page — except
 * while typing in a field, inside an open dialog, with Alt/Ctrl/Meta held (browser shortcuts; `Ctrl+Shift+C`
 * belongs to chapters.ts, as does `Shift+C`), or when a focused control already handled the key (the seek
 * slider's arrows, a menu's Space). Space on a button activates that button, not play/pause.
 */
import { isTyping } from '../../shared/dom.js';

export interface ShortcutActions {
  video: HTMLVideoElement;
  togglePlay(): void;
  seekBy(seconds: number): void;
  toggleFullscreen(): void;
  toggleTheater(): void;
  isTheater(): boolean;
  toggleCaptions: (() => void) | null;
  togglePip(): void;
  stepSpeed(step: 1 | -1): void;
  showHelp(): void;
  /** Shows the controls (a key press is activity). */
  activity(): void;
}

const VOLUME_STEP = 0.1;

function volumeBy(video: HTMLVideoElement, delta: number): void {
  video.volume = Math.round(Math.min(1, Math.max(0, video.volume + delta)) * 100) / 100;
  video.muted = video.volume === 0;
}

/** The action of a key, or null when the key is not a player shortcut. */
function actionFor(e: KeyboardEvent, a: ShortcutActions): (() => void) | null {
  const v = a.video;
  if (e.key === '>' || (e.shiftKey && e.code === 'Period')) return () => a.stepSpeed(1);
  if (e.key === '<' || (e.shiftKey && e.code === 'Comma')) return () => a.stepSpeed(-1);
  if (e.key === '?') return a.showHelp;
  if (e.shiftKey) return null;
  if (/^[0-9]$/.test(e.key))
    return () => {
      if (v.duration > 0) v.currentTime = (Number(e.key) / 10) * v.duration;
    };
  switch (e.key.toLowerCase()) {
    case ' ':
    case 'k':
      return a.togglePlay;
    case 'arrowleft':
      return () => a.seekBy(-10);
    case 'arrowright':
      return () => a.seekBy(10);
    case 'arrowup':
      return () => volumeBy(v, VOLUME_STEP);
    case 'arrowdown':
      return () => volumeBy(v, -VOLUME_STEP);
    case 'm':
      return () => (v.muted = !v.muted);
    case 'f':
      return a.toggleFullscreen;
    case 't':
      return a.toggleTheater;
    case 'c':
      return a.toggleCaptions;
    case 'p':
      return a.togglePip;
    case 'escape':
      return a.isTheater() ? a.toggleTheater : null;
    default:
      return null;
  }
}

const NOT_TEXT = ['range', 'checkbox', 'radio', 'button'];

/** A text field has the focus (a slider or a checkbox does not count). */
function typingIn(target: EventTarget | null): boolean {
  return isTyping(target) && !(target instanceof HTMLInputElement && NOT_TEXT.includes(target.type));
}

/** Keys a focused control keeps for itself. */
function ownedByTarget(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t || !(t instanceof HTMLElement)) return false;
  if (t.closest('dialog[open]')) return true;
  if (e.key === 'Escape' && t.closest('.chapter-panel, [role="menu"]')) return true;
  if ((e.key === ' ' || e.key === 'Enter') && t.closest('button, a, [role^="menuitem"], summary'))
    return true;
  if (e.key.startsWith('Arrow') && t.closest('[role="menu"], [role="slider"], input[type="range"]'))
    return true;
  return false;
}

export function bindPlayerShortcuts(actions: ShortcutActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (typingIn(e.target) || ownedByTarget(e)) return;
    const action = actionFor(e, actions);
    if (!action) return;
    e.preventDefault();
    actions.activity();
    action();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
