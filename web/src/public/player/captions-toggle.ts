/**
 * Captions (ui.md §1.4): a `<track kind="captions">` added hidden, labelled with the captions' language in
 * the viewer's own language ("English", "Deutsch" for `de` in a German browser; the spec always says
 * "English"), and a toggle
 * (`#captions-toggle`, aria-pressed) switching it between `showing` and `hidden`. Only when the video has a
 * captions URL: without one there is no button at all.
 */
import { h } from '../../shared/dom.js';
import { controlButton } from './control-button.js';
import { languageLabel } from './language-label.js';

/** Fifth line from the bottom: cue lines are ~5 % of the frame's height, the control bar ~20 %. */
const CUE_LINE = -5;

export interface CaptionsToggle {
  element: HTMLButtonElement;
  toggle(): void;
  /** The captions track (the transcript panel reads its cues). */
  track: HTMLTrackElement;
}

export function captionsToggle(
  video: HTMLVideoElement,
  captionsUrl: string | null,
  language: string | null = 'en',
): CaptionsToggle | null {
  if (!captionsUrl) return null;
  const srclang = language ?? 'en';
  const track = h('track', { kind: 'captions', label: languageLabel(srclang), srclang, src: captionsUrl });
  video.appendChild(track);
  const textTrack = () => track.track;
  textTrack().mode = 'hidden';
  // The custom control bar covers the bottom of the frame, where cues go by default: lift the cues that
  // do not place themselves above it (a hidden track loads its cues too).
  track.addEventListener('load', () => {
    for (const cue of Array.from(textTrack().cues ?? []))
      if (cue instanceof VTTCue && cue.line === 'auto') cue.line = CUE_LINE;
  });
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
  return { element: button.element, toggle, track };
}
