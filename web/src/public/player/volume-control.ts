/**
 * Mute button and volume slider (a native range input: arrows, Page Up/Down, Home/End work by keyboard, and
 * it reports its value to assistive technology as "n %"). Follows the video's own volume/muted changes, so
 * keys and gestures that change the volume elsewhere show up here.
 */
import { h } from '../../shared/dom.js';
import { controlButton } from './control-button.js';

export function volumeControl(video: HTMLVideoElement): { element: HTMLElement; sync: () => void } {
  const mute = controlButton({
    id: 'player-mute',
    icon: 'volume',
    label: 'Mute',
    shortcut: 'M',
    onClick: () => {
      video.muted = !video.muted;
      if (!video.muted && video.volume === 0) video.volume = 0.5;
    },
  });
  const slider = h('input', {
    type: 'range',
    id: 'player-volume',
    class: 'player-volume',
    min: '0',
    max: '100',
    step: '5',
    'aria-label': 'Volume',
    on: {
      input: () => {
        video.volume = Number(slider.value) / 100;
        video.muted = video.volume === 0;
      },
    },
  });
  const sync = () => {
    const level = video.muted ? 0 : Math.round(video.volume * 100);
    slider.value = String(level);
    slider.setAttribute('aria-valuetext', video.muted ? 'Muted' : `${level} %`);
    slider.style.setProperty('--volume', `${level}%`);
    mute.set({
      icon: level === 0 ? 'muted' : 'volume',
      label: video.muted ? 'Unmute' : 'Mute',
      pressed: video.muted,
    });
  };
  video.addEventListener('volumechange', sync);
  sync();
  return { element: h('div', { class: 'player-volume-group' }, mute.element, slider), sync };
}
