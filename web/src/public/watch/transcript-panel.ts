/**
 * The transcript panel on the watch page (issue 14): a "Transcript" button under the player (the control bar
 * has no room left for it) opens a panel below it listing the captions' cues with their times. A line is a button: a click (or
 * Enter / Space) seeks the video there. The playing line is highlighted (`aria-current`) and kept in
 * view inside the list while playback goes on. A search box filters the lines. Loading, error and empty
 * states show in the panel. Only mounted when the video has captions (a completed transcript).
 *
 * The cues come from the captions track the player already loads (player/captions-toggle.ts), parsed by
 * the browser's own WebVTT parser.
 *
 * Test hooks: `#transcript-toggle`, `#transcript-panel`, `#transcript-search`, `#transcript-state`,
 * `.transcript-line[data-start]` (`.is-current` / `aria-current` on the playing one).
 */
import { h, replaceChildren } from '../../shared/dom.js';
import { formatDuration } from '../../shared/format.js';
import { currentLineIndex, matchingLines, type TranscriptLine } from './transcript-lines.js';

export interface TranscriptSlots {
  video: HTMLVideoElement;
  /** The captions `<track>` (hidden mode loads its cues). */
  track: HTMLTrackElement;
  /** Below the player: the button and the panel. */
  below: HTMLElement;
}

const TRACK_LOADED = 2;
const TRACK_ERROR = 3;

/** A cue's text as read: the browser's parse of its markup, as plain text. */
function cueText(cue: TextTrackCue): string {
  const text = cue instanceof VTTCue ? (cue.getCueAsHTML().textContent ?? cue.text) : '';
  return text.replace(/\s+/g, ' ').trim();
}

function linesOf(track: TextTrack): TranscriptLine[] {
  return Array.from(track.cues ?? [])
    .map((cue) => ({ start: cue.startTime, end: cue.endTime, text: cueText(cue) }))
    .filter((line) => line.text !== '')
    .sort((a, b) => a.start - b.start);
}

function panelSkeleton() {
  const search = h('input', {
    id: 'transcript-search',
    class: 'input transcript-search',
    type: 'search',
    placeholder: 'Search in transcript',
    'aria-label': 'Search in transcript',
    'aria-controls': 'transcript-lines',
    autocomplete: 'off',
    disabled: true,
  });
  const state = h('p', { id: 'transcript-state', class: 'transcript-state muted', role: 'status' });
  const list = h('ol', {
    id: 'transcript-lines',
    class: 'transcript-lines',
    'aria-label': 'Transcript lines',
  });
  const element = h(
    'section',
    {
      id: 'transcript-panel',
      class: 'transcript-panel',
      'aria-labelledby': 'transcript-panel-title',
      hidden: true,
    },
    h(
      'div',
      { class: 'transcript-panel-head' },
      h('h2', { id: 'transcript-panel-title', class: 'transcript-panel-heading' }, 'Transcript'),
      search,
    ),
    state,
    list,
  );
  return { element, search, state, list };
}

function toggleButton(panel: HTMLElement) {
  const toggle = h(
    'button',
    {
      id: 'transcript-toggle',
      type: 'button',
      class: 'btn transcript-toggle',
      'aria-expanded': 'false',
      'aria-controls': 'transcript-panel',
    },
    'Transcript',
  );
  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => setOpen(panel.hidden));
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    setOpen(false);
    toggle.focus();
  });
  return { toggle, isOpen: () => !panel.hidden };
}

/** Adds the transcript panel; returns an undo. */
export function mountTranscriptPanel(slots: TranscriptSlots): () => void {
  const { video, track } = slots;
  const ui = panelSkeleton();
  const { toggle, isOpen } = toggleButton(ui.element);
  slots.below.appendChild(h('div', { class: 'transcript-area' }, toggle, ui.element));

  let lines: TranscriptLine[] = [];
  let items: HTMLButtonElement[] = [];
  let shown = -2;

  const seek = (line: TranscriptLine) => {
    video.currentTime = line.start;
    update();
  };

  function update(): void {
    const index = currentLineIndex(lines, video.currentTime);
    if (index === shown) return;
    items[shown]?.classList.remove('is-current');
    items[shown]?.removeAttribute('aria-current');
    shown = index;
    const item = items[index];
    if (!item) return;
    item.classList.add('is-current');
    item.setAttribute('aria-current', 'true');
    // Keep the playing line in view inside the list, without scrolling the page.
    if (isOpen() && !item.parentElement?.hidden && ui.list.contains(document.activeElement) === false) {
      const top = item.offsetTop - ui.list.offsetTop;
      if (top < ui.list.scrollTop || top + item.offsetHeight > ui.list.scrollTop + ui.list.clientHeight)
        ui.list.scrollTop = top - ui.list.clientHeight / 3;
    }
  }

  function filter(): void {
    const matches = new Set(matchingLines(lines, ui.search.value));
    items.forEach((item, i) => {
      if (item.parentElement) item.parentElement.hidden = !matches.has(i);
    });
    const query = ui.search.value.trim();
    ui.state.textContent = !query
      ? ''
      : matches.size === 0
        ? `No line contains “${query}”.`
        : `${matches.size} of ${lines.length} lines contain “${query}”.`;
  }

  function render(): void {
    lines = linesOf(track.track);
    if (lines.length === 0) {
      ui.state.textContent = 'This transcript has no lines.';
      return;
    }
    items = lines.map((line) =>
      h(
        'button',
        {
          type: 'button',
          class: 'transcript-line',
          dataset: { start: line.start },
          on: { click: () => seek(line) },
        },
        h('span', { class: 'transcript-line-time' }, formatDuration(line.start)),
        h('span', { class: 'transcript-line-text' }, line.text),
      ),
    );
    replaceChildren(ui.list, ...items.map((item) => h('li', null, item)));
    ui.search.disabled = false;
    ui.state.textContent = '';
    shown = -2;
    update();
  }

  function failed(): void {
    ui.state.textContent = 'The transcript could not be loaded. Reload the page to try again.';
    ui.state.classList.add('transcript-error');
  }

  if (track.readyState === TRACK_LOADED) render();
  else if (track.readyState === TRACK_ERROR) failed();
  else ui.state.textContent = 'Loading transcript…';

  const listeners: Array<[EventTarget, string, EventListener]> = [
    [track, 'load', render],
    [track, 'error', failed],
    [ui.search, 'input', filter],
    [video, 'timeupdate', update],
    [video, 'seeked', update],
  ];
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn);
  return () => {
    for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
  };
}
