/**
 * Chapters on the watch page (ui.md §1.4): a marker per chapter on the seek bar at start/duration (a click
 * seeks there), the playing chapter's title in the player toolbar, a "Chapters" button that opens the
 * chapter panel below the player (a list with times; a click seeks; the playing chapter is highlighted
 * with `aria-current` and follows playback; Escape closes it), and the keys `Shift+C` (next chapter) and
 * `Ctrl/Cmd+Shift+C` (previous), ignored while typing.
 *
 * Test hooks: `.chapter-marker[data-chapter-id]`, `#chapters-toggle`, `#chapter-panel`,
 * `.chapter-panel-item[data-chapter-id]`, `#chapter-now`.
 */
import { announce, h } from '../../shared/dom.js';
import { formatDuration } from '../../shared/format.js';
import {
  byStart,
  currentChapterIndex,
  nextChapter,
  previousChapter,
  timelinePercent,
  type ChapterMark,
} from './chapter-timeline.js';

export interface ChapterSlots {
  video: HTMLVideoElement;
  /** The seek bar (from sprite-preview.ts): markers go inside it. */
  track: HTMLElement;
  /** The player toolbar: the current title and the panel button go in front of what it holds. */
  toolbar: HTMLElement;
  /** Below the player: the panel. */
  below: HTMLElement;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function markers(sorted: ChapterMark[], track: HTMLElement, seek: (c: ChapterMark) => void) {
  return sorted.map((chapter) => {
    const marker = h('span', {
      class: 'chapter-marker',
      dataset: { chapterId: chapter.id },
      title: `${chapter.title} (${formatDuration(chapter.start_time)})`,
      // The panel is the accessible way to the chapters; the bar keeps one tab stop.
      'aria-hidden': 'true',
      on: {
        // Not the bar's own pointerdown, which would seek to the pixel under the pointer.
        pointerdown: (e) => e.stopPropagation(),
        click: () => seek(chapter),
      },
    });
    track.appendChild(marker);
    return marker;
  });
}

function panel(sorted: ChapterMark[], seek: (c: ChapterMark) => void) {
  const items = sorted.map((chapter) =>
    h(
      'button',
      {
        type: 'button',
        class: 'chapter-panel-item',
        dataset: { chapterId: chapter.id },
        on: { click: () => seek(chapter) },
      },
      h('span', { class: 'chapter-panel-time' }, formatDuration(chapter.start_time)),
      h('span', { class: 'chapter-panel-title' }, chapter.title),
    ),
  );
  const element = h(
    'section',
    { id: 'chapter-panel', class: 'chapter-panel', 'aria-labelledby': 'chapter-panel-title', hidden: true },
    h('h2', { id: 'chapter-panel-title', class: 'chapter-panel-heading' }, `Chapters (${sorted.length})`),
    h('ol', { class: 'chapter-panel-list' }, ...items.map((item) => h('li', null, item))),
  );
  return { element, items };
}

/** The playing chapter's title and the button that opens the panel (Escape in the panel closes it). */
function controls(panelElement: HTMLElement) {
  const now = h('span', { id: 'chapter-now', class: 'chapter-now' });
  const toggle = h(
    'button',
    {
      id: 'chapters-toggle',
      type: 'button',
      class: 'btn btn-ghost chapters-toggle',
      'aria-expanded': 'false',
      'aria-controls': 'chapter-panel',
      'aria-keyshortcuts': 'Shift+C Control+Shift+C Meta+Shift+C',
    },
    'Chapters',
  );
  const setOpen = (open: boolean) => {
    panelElement.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => setOpen(panelElement.hidden));
  panelElement.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    setOpen(false);
    toggle.focus();
  });
  return { now, toggle };
}

/** `Shift+C` → next chapter, `Ctrl/Cmd+Shift+C` → previous; not while typing. */
function chapterKeys(sorted: ChapterMark[], video: HTMLVideoElement, seek: (c: ChapterMark) => void) {
  return (e: KeyboardEvent) => {
    if (!e.shiftKey || e.altKey || e.code !== 'KeyC' || isTyping(e.target)) return;
    const back = e.ctrlKey || e.metaKey;
    const target = back ? previousChapter(sorted, video.currentTime) : nextChapter(sorted, video.currentTime);
    e.preventDefault();
    if (target) seek(target);
  };
}

/** Adds `chapters` to the player (`duration`: the API's, until the media knows its own); returns an undo. */
export function mountChapters(
  chapters: readonly ChapterMark[],
  slots: ChapterSlots,
  duration: number | null,
) {
  if (chapters.length === 0) return () => undefined;
  const { video } = slots;
  const sorted = byStart(chapters);
  const length = () =>
    Number.isFinite(video.duration) && video.duration > 0 ? video.duration : (duration ?? 0);
  const seek = (chapter: ChapterMark, say = false) => {
    video.currentTime = chapter.start_time;
    update();
    if (say) announce(`Chapter: ${chapter.title}`);
  };
  const marks = markers(sorted, slots.track, (c) => seek(c));
  const list = panel(sorted, (c) => seek(c));
  const { now, toggle } = controls(list.element);
  slots.toolbar.prepend(now, toggle);
  slots.below.appendChild(list.element);

  const place = () =>
    marks.forEach((m, i) => (m.style.left = `${timelinePercent(sorted[i]?.start_time ?? 0, length())}%`));
  let shown = -2;
  function update(): void {
    const index = currentChapterIndex(sorted, video.currentTime);
    if (index === shown) return;
    shown = index;
    list.items.forEach((item, i) => {
      item.classList.toggle('is-current', i === index);
      if (i === index) item.setAttribute('aria-current', 'true');
      else item.removeAttribute('aria-current');
    });
    marks.forEach((m, i) => m.classList.toggle('is-current', i === index));
    now.textContent = sorted[index]?.title ?? '';
  }
  const onKey = chapterKeys(sorted, video, (c) => seek(c, true));
  const listeners: Array<[EventTarget, string, EventListener]> = [
    [document, 'keydown', onKey as EventListener],
    [video, 'timeupdate', update],
    [video, 'seeked', update],
    [video, 'durationchange', place],
  ];
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn);
  place();
  update();
  return () => {
    for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
  };
}
