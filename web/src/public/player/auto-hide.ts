/**
 * Hides the controls while the video plays and nothing happens (3 s without mouse movement, touch or
 * a keyboard-focused control inside the player): the frame gets `controls-hidden` (controls fade out, cursor hides).
 * They come back on pointer movement, touch, focus and on pause.
 */
export const IDLE_MS = 3000;

export interface AutoHide {
  /** Shows the controls and restarts the idle timer. */
  show(): void;
  /** Hides them now if playing (a tap on the video toggles them). */
  toggle(): void;
}

export function autoHideControls(frame: HTMLElement, video: HTMLVideoElement): AutoHide {
  let timer = 0;
  const hide = () => {
    // A control reached by keyboard keeps them; one merely clicked does not.
    const active = document.activeElement;
    const focusInside = !!active && frame.contains(active) && active.matches(':focus-visible');
    const menuOpen = frame.querySelector('[role="menu"]:not([hidden])') !== null;
    if (video.paused || focusInside || menuOpen) return;
    frame.classList.add('controls-hidden');
  };
  const show = () => {
    frame.classList.remove('controls-hidden');
    window.clearTimeout(timer);
    timer = window.setTimeout(hide, IDLE_MS);
  };
  for (const type of ['pointermove', 'pointerdown', 'focusin', 'touchstart'])
    frame.addEventListener(type, show, { passive: true });
  frame.addEventListener('pointerleave', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(hide, 500);
  });
  video.addEventListener('pause', show);
  video.addEventListener('play', show);
  return {
    show,
    toggle() {
      if (frame.classList.contains('controls-hidden')) show();
      else if (!video.paused) {
        window.clearTimeout(timer);
        frame.classList.add('controls-hidden');
      }
    },
  };
}
