/**
 * Theater mode (the player spans the page: `body.is-theater`), picture-in-picture (only where the browser
 * offers it) and fullscreen of the whole player (video and controls: `container`).
 */
import { announce } from '../../shared/dom.js';
import { controlButton, type ControlButton } from './control-button.js';

export interface ViewModes {
  buttons: HTMLButtonElement[];
  toggleTheater(): void;
  isTheater(): boolean;
  togglePip(): void;
  toggleFullscreen(): void;
}

/** Fullscreen of the whole player; the button follows the document's state (Esc, F11 included). */
function fullscreenButton(container: HTMLElement) {
  const toggleFullscreen = () => {
    const request = document.fullscreenElement ? document.exitFullscreen() : container.requestFullscreen();
    void request?.catch(() => announce('Fullscreen is not available'));
  };
  const fullscreen = controlButton({
    id: 'fullscreen-toggle',
    icon: 'fullscreen',
    label: 'Fullscreen',
    shortcut: 'F',
    pressed: false,
    onClick: toggleFullscreen,
  });
  document.addEventListener('fullscreenchange', () => {
    const on = document.fullscreenElement === container;
    container.classList.toggle('is-fullscreen', on);
    fullscreen.set({
      icon: on ? 'exit-fullscreen' : 'fullscreen',
      label: on ? 'Exit fullscreen' : 'Fullscreen',
      pressed: on,
    });
  });

  return { button: fullscreen.element, toggle: toggleFullscreen };
}

export function viewModes(video: HTMLVideoElement, container: HTMLElement): ViewModes {
  const isTheater = () => document.body.classList.contains('is-theater');
  const toggleTheater = () => {
    const on = !isTheater();
    document.body.classList.toggle('is-theater', on);
    theater.set({ pressed: on, label: on ? 'Exit theater mode' : 'Theater mode' });
    announce(on ? 'Theater mode' : 'Default view');
  };
  const theater = controlButton({
    id: 'theater-toggle',
    icon: 'theater',
    label: 'Theater mode',
    shortcut: 'T',
    pressed: false,
    onClick: toggleTheater,
  });

  const pipSupported = 'pictureInPictureEnabled' in document && document.pictureInPictureEnabled;
  const togglePip = () => {
    if (!pipSupported) return;
    const request = document.pictureInPictureElement
      ? document.exitPictureInPicture()
      : video.requestPictureInPicture();
    void request.catch(() => announce('Picture-in-picture is not available right now'));
  };
  const pip: ControlButton | null = pipSupported
    ? controlButton({
        id: 'pip-toggle',
        icon: 'pip',
        label: 'Picture-in-picture',
        shortcut: 'P',
        onClick: togglePip,
      })
    : null;
  const syncPip = () => pip?.set({ pressed: document.pictureInPictureElement === video });
  video.addEventListener('enterpictureinpicture', syncPip);
  video.addEventListener('leavepictureinpicture', syncPip);
  syncPip();

  const fullscreen = fullscreenButton(container);
  const buttons = [theater.element, pip?.element, fullscreen.button].filter(
    (b): b is HTMLButtonElement => !!b,
  );
  return { buttons, toggleTheater, isTheater, togglePip, toggleFullscreen: fullscreen.toggle };
}
