/**
 * `VLogPlayerControls` (ui.md §1.4): the custom control bar that replaces the native controls on the watch
 * page. It lays the bar over the bottom of `frame` — seek bar (sprite previews, buffered range, chapter
 * markers go on it), then play/pause, volume, time, the page's own tools (`toolbar`: quality menu, chapters),
 * captions, speed, theater, picture-in-picture, fullscreen, share and the shortcuts help — and binds the
 * keys, touch gestures and auto-hide. If building it fails the native controls come back.
 *
 * Test hooks: `.player-controls`, `#play-toggle`, `#player-mute`, `#player-volume`, `#player-time`,
 * `.sprite-timeline` (role slider) with `.seek-buffered`, `#captions-toggle`, `#speed-button`/`#speed-list`,
 * `#theater-toggle`, `#pip-toggle`, `#fullscreen-toggle`, `#share-button`, `#shortcuts-button`,
 * `#player-shortcuts-dialog`; the frame has `.controls-hidden` while they are hidden.
 */
import { h } from '../../shared/dom.js';
import { createSpriteTimeline, readSpriteInfo } from '../lib/sprite-preview.js';
import { autoHideControls } from './auto-hide.js';
import { attachBufferedRange } from './buffered-range.js';
import { captionsToggle } from './captions-toggle.js';
import { controlButton } from './control-button.js';
import { bindPlayerShortcuts } from './keyboard-shortcuts.js';
import { shareButton } from './share-dialog.js';
import { shortcutsDialog } from './shortcuts-dialog.js';
import { speedMenu, stepSpeed } from './speed-menu.js';
import { timeDisplay } from './time-display.js';
import { attachTouchGestures } from './touch-gestures.js';
import { viewModes } from './view-modes.js';
import { volumeControl } from './volume-control.js';

export interface PlayerControlsOptions {
  /** The player section: what goes fullscreen (video and controls). */
  container: HTMLElement;
  /** Holds the video; the bar is laid over it. */
  frame: HTMLElement;
  video: HTMLVideoElement;
  /** The page's extra controls (quality menu, chapters): moved into the bar. */
  toolbar: HTMLElement;
  detail: {
    slug: string;
    duration: number | null;
    captions_url: string | null;
    captions_language?: string | null;
  };
}

export interface PlayerControls {
  /** The seek bar (role slider): chapter markers go inside it. */
  track: HTMLElement;
  /** The captions track when the video has captions (the transcript panel lists its cues). */
  captions: HTMLTrackElement | null;
}

function playToggle(video: HTMLVideoElement) {
  const toggle = () => {
    if (video.paused || video.ended) void video.play().catch(() => undefined);
    else video.pause();
  };
  const button = controlButton({
    id: 'play-toggle',
    icon: 'play',
    label: 'Play',
    shortcut: 'K',
    onClick: toggle,
  });
  const sync = () =>
    button.set(video.paused ? { icon: 'play', label: 'Play' } : { icon: 'pause', label: 'Pause' });
  video.addEventListener('play', sync);
  video.addEventListener('pause', sync);
  return { element: button.element, toggle };
}

function build(opts: PlayerControlsOptions): PlayerControls {
  const { video, frame, container, detail } = opts;
  const timeline = createSpriteTimeline(video, readSpriteInfo(detail));
  attachBufferedRange(video, timeline.track);
  const play = playToggle(video);
  const captions = captionsToggle(video, detail.captions_url, detail.captions_language);
  const modes = viewModes(video, container);
  const help = shortcutsDialog();
  const helpButton = controlButton({
    id: 'shortcuts-button',
    icon: 'help',
    label: 'Keyboard shortcuts',
    shortcut: '?',
    onClick: help.open,
  });
  helpButton.element.setAttribute('aria-haspopup', 'dialog');
  opts.toolbar.classList.add('player-controls-extra');

  const bar = h(
    'div',
    { class: 'player-controls', role: 'group', 'aria-label': 'Player controls' },
    timeline.element,
    h(
      'div',
      { class: 'player-controls-row' },
      play.element,
      volumeControl(video).element,
      timeDisplay(video, detail.duration),
      opts.toolbar,
      captions?.element ?? null,
      speedMenu(video),
      ...modes.buttons,
      shareButton(video, detail.slug),
      helpButton.element,
    ),
  );
  frame.appendChild(bar);
  frame.classList.add('has-custom-controls');

  const seekBy = (seconds: number) => {
    const d = Number.isFinite(video.duration) ? video.duration : 0;
    video.currentTime = Math.min(d, Math.max(0, video.currentTime + seconds));
  };
  const autoHide = autoHideControls(frame, video);
  attachTouchGestures(frame, video, { togglePlay: play.toggle, seekBy, toggleControls: autoHide.toggle });
  bindPlayerShortcuts({
    video,
    togglePlay: play.toggle,
    seekBy,
    toggleFullscreen: modes.toggleFullscreen,
    toggleTheater: modes.toggleTheater,
    isTheater: modes.isTheater,
    toggleCaptions: captions?.toggle ?? null,
    togglePip: modes.togglePip,
    stepSpeed: (step) => (video.playbackRate = stepSpeed(video.playbackRate, step)),
    showHelp: help.open,
    activity: autoHide.show,
  });
  autoHide.show();
  return { track: timeline.track, captions: captions?.track ?? null };
}

/** Mounts the control bar; null (native controls kept) when it cannot be built. */
export function mountPlayerControls(opts: PlayerControlsOptions): PlayerControls | null {
  try {
    const controls = build(opts);
    opts.video.controls = false;
    return controls;
  } catch (err) {
    console.warn('Custom player controls failed; using the native ones', err);
    opts.frame.querySelector('.player-controls')?.remove();
    opts.video.controls = true;
    return null;
  }
}
