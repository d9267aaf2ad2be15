/** Icons of the player's control bar (24×24 paths), drawn like shared/dom.ts icons: decorative, aria-hidden. */
const SVG_NS = 'http://www.w3.org/2000/svg';

const PATHS = {
  play: 'M8 5.5v13l11-6.5z',
  pause: 'M7 5h3.5v14H7zM13.5 5H17v14h-3.5z',
  volume: 'M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11',
  muted: 'M4 9h4l5-4v14l-5-4H4zM16.5 9.5l5 5M21.5 9.5l-5 5',
  captions: 'M3 6h18v12H3zM10 10.5a2 2 0 1 0 0 3M16.5 10.5a2 2 0 1 0 0 3',
  speed: 'M12 20a8 8 0 1 1 8-8M12 12l4-4',
  theater: 'M2 7h20v10H2z',
  pip: 'M3 5h18v14H3zM12 12h7v5h-7z',
  fullscreen: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
  'exit-fullscreen': 'M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5',
  share:
    'M18 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM18 22a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8.6 13.5l6.8 4M15.4 6.5l-6.8 4',
  help: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17v.5',
  back10: 'M4 12a8 8 0 1 0 2.3-5.7M4 4v5h5',
  forward10: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5',
} as const;

export type PlayerIconName = keyof typeof PATHS;

export function playerIcon(name: PlayerIconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon player-icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', PATHS[name]);
  if (name === 'play' || name === 'pause') path.setAttribute('class', 'icon-fill');
  svg.appendChild(path);
  return svg;
}
