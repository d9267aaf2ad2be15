/** Breadcrumb trail (Home › Category › Title) shared by the watch, category, tag and search pages. */
import { h, replaceChildren } from '../../shared/dom.js';

export interface Crumb {
  label: string;
  /** Omitted for the current page (the last crumb), which gets `aria-current="page"`. */
  href?: string;
}

/** Fill `nav` (a `<nav aria-label="Breadcrumb">`) with an ordered list of links; the separators are CSS. */
export function renderBreadcrumb(nav: HTMLElement, crumbs: Crumb[]): void {
  const items = crumbs.map((crumb) =>
    h(
      'li',
      null,
      crumb.href
        ? h('a', { href: crumb.href }, crumb.label)
        : h('span', { 'aria-current': 'page' }, crumb.label),
    ),
  );
  replaceChildren(nav, h('ol', { class: 'breadcrumb-list' }, ...items));
}
