/** The bar along a card's thumbnail showing how much of the video the viewer has watched (`data-percent`). */
import { h } from '../../shared/dom.js';

export function watchProgressBar(percent: number): HTMLElement {
  const clamped = Math.min(100, Math.max(0, percent));
  const fill = h('span', { class: 'watch-progress-fill' });
  fill.style.width = `${clamped}%`;
  return h(
    'div',
    { class: 'watch-progress', dataset: { percent: Math.round(clamped) } },
    fill,
    h('span', { class: 'sr-only' }, `${Math.round(clamped)} % watched`),
  );
}
