/**
 * The player's watermark (api-public.md §4.5): text or an image over the video, at one of five
 * positions, with the configured opacity and padding; an image at most max_width_percent of the player's
 * width. Decorative: hidden from assistive technology and from the pointer.
 */
import { h } from '../../shared/dom.js';
import { fetchJson } from '../../shared/http.js';
import type { WatermarkConfig } from '../../shared/types.js';

/** The overlay element for a config, or null when there is nothing to show. */
export function watermarkElement(config: WatermarkConfig): HTMLElement | null {
  if (!config.enabled) return null;
  const position = config.position ?? 'bottom-right';
  const el = h('div', {
    class: `player-watermark watermark-${position}`,
    'aria-hidden': 'true',
    dataset: { position },
  });
  el.style.opacity = String(config.opacity ?? 0.5);
  el.style.setProperty('--watermark-padding', `${config.padding ?? 16}px`);
  if (config.type === 'text') {
    if (!config.text) return null;
    el.classList.add('watermark-text');
    el.textContent = config.text;
    el.style.fontSize = `${config.text_size ?? 16}px`;
    el.style.color = config.text_color ?? 'white';
    return el;
  }
  if (!config.image_url) return null;
  const img = h('img', { src: config.image_url, alt: '', draggable: 'false' });
  img.style.maxWidth = '100%';
  el.style.maxWidth = `${config.max_width_percent ?? 15}%`;
  el.appendChild(img);
  return el;
}

/** Adds the configured watermark to the player frame (nothing when off or unreadable). */
export async function mountWatermark(frame: HTMLElement): Promise<void> {
  const config = await fetchJson<WatermarkConfig>('/api/config/watermark').catch(() => null);
  const el = config && watermarkElement(config);
  if (el) frame.appendChild(el);
}
