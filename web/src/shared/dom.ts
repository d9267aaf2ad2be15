/**
 * Tiny DOM helpers. Everything is built with createElement/textContent — never
 * innerHTML with data — so API strings cannot inject markup, and nothing needs
 * inline styles or scripts (the pages run under a strict CSP: see web/README.md).
 */

export type Child = Node | string | number | null | undefined | false;

type EventHandlers = {
  [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void;
};

export interface Props {
  /** CSS class names (space separated). */
  class?: string;
  /** Text content (alternative to children). */
  text?: string;
  /** data-* attributes. */
  dataset?: Record<string, string | number>;
  /** Event listeners. */
  on?: EventHandlers;
  /** Any other attribute. `true` → present, `false`/null/undefined → absent. */
  [attr: string]: unknown;
}

/** Create an element: `h('a', { href: '/', class: 'link' }, 'Home')`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) applyProps(el, props);
  append(el, ...children);
  return el;
}

function applyProps(el: Element, props: Props): void {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') {
      el.setAttribute('class', String(value));
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value as Record<string, string | number>)) {
        (el as HTMLElement).dataset[k] = String(v);
      }
    } else if (key === 'on') {
      for (const [type, handler] of Object.entries(value as Record<string, EventListener>)) {
        el.addEventListener(type, handler);
      }
    } else if (key === 'style') {
      throw new Error('Inline style attributes are blocked by the CSP; use classes or element.style');
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

/** Append children, skipping null/false, turning strings into text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Remove all children (optionally replacing them). */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

/** querySelector that throws a clear error when the page skeleton is wrong. */
export function must<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`Missing element: ${selector}`);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Icon path data (24×24, stroke icons); the admin UI's Preact <Icon> draws the same paths. */
export const ICONS = {
  play: 'M8 5.5v13l11-6.5z',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM21 21l-5-5',
  back: 'M15 18l-6-6 6-6',
  chevron: 'M6 9l6 6 6-6',
  check: 'M5 12l5 5L20 7',
  upload: 'M12 16V4M6 10l6-6 6 6M4 20h16',
  film: 'M4 5h16v14H4zM8 5v14M16 5v14M4 9h4M4 15h4M16 9h4M16 15h4',
  gear: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 13a7.5 7.5 0 0 0 0-2l2-1.6-2-3.4-2.4 1a7.6 7.6 0 0 0-1.7-1L15 3.5h-4l-.4 2.5a7.6 7.6 0 0 0-1.7 1l-2.4-1-2 3.4 2 1.6a7.5 7.5 0 0 0 0 2l-2 1.6 2 3.4 2.4-1a7.6 7.6 0 0 0 1.7 1l.4 2.5h4l.4-2.5a7.6 7.6 0 0 0 1.7-1l2.4 1 2-3.4z',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  eye: 'M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  close: 'M6 6l12 12M18 6L6 18',
  alert: 'M12 8v5M12 16.5v.5M10.3 3.9L2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  logout: 'M15 4h4v16h-4M10 17l5-5-5-5M15 12H3',
  grid: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  list: 'M4 6h2M4 12h2M4 18h2M10 6h10M10 12h10M10 18h10',
  plus: 'M12 5v14M5 12h14',
  'arrow-up': 'M12 19V5M6 11l6-6 6 6',
  'arrow-down': 'M12 5v14M6 13l6 6 6-6',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  chart: 'M4 4v16h16M8 16v-5M12 16V8M16 16v-3M20 16V6',
  send: 'M21 3L10 14M21 3l-7 18-4-7-7-4z',
  sparkle:
    'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z',
} as const;

export type IconName = keyof typeof ICONS;

/** Decorative inline SVG icon (aria-hidden). */
export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  if (name === 'play') path.setAttribute('class', 'icon-fill');
  svg.appendChild(path);
  return svg;
}

/** Announce a message to screen readers through a polite live region. */
export function announce(message: string, regionId = 'sr-announcer'): void {
  let region = document.getElementById(regionId);
  if (!region) {
    region = h('div', { id: regionId, class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
    document.body.appendChild(region);
  }
  // Clear first so repeating the same message is announced again.
  region.textContent = '';
  const target = region;
  window.setTimeout(() => {
    target.textContent = message;
  }, 50);
}

/** True while the user is typing in a form control (keyboard shortcuts leave those keys alone). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The error state of a page or section: what failed, why, and a "Try again" button. */
export function errorState(title: HTMLElement, detail: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'error-state', role: 'alert' },
    icon('alert', 'icon icon-xl'),
    title,
    h('p', { class: 'muted' }, detail),
    h(
      'button',
      { type: 'button', class: 'btn btn-primary', on: { click: retry } },
      icon('refresh'),
      'Try again',
    ),
  );
}
