/**
 * Captions (ui.md §1.4): a `<track kind="captions" label="English" srclang="en">` added hidden, and a toggle
 * (`#captions-toggle`, aria-pressed) switching it between `showing` and `hidden`. Only when the video has a
 * captions URL: without one there is no button at all.
 */
import { h } from '../../shared/dom.js';
import { controlButton } from './control-button.js';

export interface CaptionsToggle {
  element: HTMLButtonElement;
  toggle(): void;
}

export function captionsToggle(video: HTMLVideoElement, captionsUrl: string | null): CaptionsToggle | null {
  if (!captionsUrl) return null;
  const track = h('track', { kind: 'captions', label: 'English', srclang: 'en', src: captionsUrl });
  video.appendChild(track);
  const textTrack = () => track.track;
  textTrack().mode = 'hidden';
  const toggle = () => {
    const on = textTrack().mode !== 'showing';
    textTrack().mode = on ? 'showing' : 'hidden';
    button.set({ pressed: on, label: on ? 'Hide captions' : 'Show captions' });
  };
  const button = controlButton({
    id: 'captions-toggle',
    icon: 'captions',
    label: 'Show captions',
    shortcut: 'C',
    pressed: false,
    onClick: toggle,
  });
  return { element: button.element, toggle };
}
