/**
 * Tab framework for the admin SPA. Each tab is a separate module implementing
 * `AdminTab`; admin.ts registers them. The tab bar follows the WAI-ARIA tabs
 * pattern (role=tablist/tab/tabpanel, arrow keys/Home/End, automatic activation)
 * and mirrors the active tab in `location.hash` (`#videos`, `#upload`, …).
 */
import type { ApiClient } from './api.js';
import type { ProgressStream } from './progress-stream.js';
import { h, icon, type IconName } from '../shared/dom.js';

/** Events exchanged between tabs through `TabContext.events`. */
export interface AdminEventMap {
  'video-uploaded': { video_id: number; slug: string; title: string };
  'videos-changed': Record<string, never>;
}

export class AdminEvents extends EventTarget {
  emit<K extends keyof AdminEventMap>(type: K, detail: AdminEventMap[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  on<K extends keyof AdminEventMap>(type: K, handler: (detail: AdminEventMap[K]) => void): () => void {
    const listener = (ev: Event): void => handler((ev as CustomEvent<AdminEventMap[K]>).detail);
    this.addEventListener(type, listener);
    return () => this.removeEventListener(type, listener);
  }
}

export interface TabContext {
  api: ApiClient;
  stream: ProgressStream;
  events: AdminEvents;
  switchTab(id: string): void;
}

export interface AdminTab {
  /** Used for ids (`tab-<id>`, `panel-<id>`) and the URL hash. */
  readonly id: string;
  readonly label: string;
  readonly icon?: IconName;
  /** Build the panel content once. */
  mount(panel: HTMLElement, ctx: TabContext): void;
  /** The tab became visible. */
  activate?(): void;
  /** The tab was hidden. */
  deactivate?(): void;
  /** Reload data (e.g. after signing in again). */
  refresh?(): void;
}

export class TabBar {
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly panels = new Map<string, HTMLElement>();
  private readonly mounted = new Set<string>();
  private current: string | null = null;

  constructor(
    private readonly tablist: HTMLElement,
    private readonly container: HTMLElement,
    private readonly tabs: readonly AdminTab[],
    private readonly ctx: TabContext,
  ) {
    tablist.setAttribute('role', 'tablist');
    for (const tab of tabs) {
      const button = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${tab.id}`,
          class: 'tab',
          'aria-selected': 'false',
          'aria-controls': `panel-${tab.id}`,
          tabindex: '-1',
          'aria-label': tab.label,
          dataset: { tab: tab.id },
        },
        tab.icon ? icon(tab.icon) : null,
        h('span', null, tab.label),
      );
      button.addEventListener('click', () => this.select(tab.id));
      button.addEventListener('keydown', (ev) => this.onKey(ev));
      tablist.appendChild(button);
      this.buttons.set(tab.id, button);

      const panel = h('section', {
        role: 'tabpanel',
        id: `panel-${tab.id}`,
        class: 'tab-panel',
        'aria-labelledby': `tab-${tab.id}`,
        tabindex: '-1',
        hidden: true,
      });
      container.appendChild(panel);
      this.panels.set(tab.id, panel);
    }
    window.addEventListener('hashchange', () => {
      const id = location.hash.slice(1);
      if (this.buttons.has(id) && id !== this.current) this.select(id);
    });
  }

  /** Tab from the URL hash, else the first one. */
  initialTab(): string {
    const id = location.hash.slice(1);
    return this.buttons.has(id) ? id : (this.tabs[0]?.id ?? '');
  }

  get active(): AdminTab | undefined {
    return this.tabs.find((t) => t.id === this.current);
  }

  select(id: string, focusTab = false): void {
    const tab = this.tabs.find((t) => t.id === id);
    const panel = this.panels.get(id);
    if (!tab || !panel) return;
    if (!this.mounted.has(id)) {
      tab.mount(panel, this.ctx);
      this.mounted.add(id);
    }
    if (this.current && this.current !== id) {
      this.tabs.find((t) => t.id === this.current)?.deactivate?.();
    }
    for (const [tid, button] of this.buttons) {
      const selected = tid === id;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      button.classList.toggle('active', selected);
      const p = this.panels.get(tid);
      if (p) p.hidden = !selected;
    }
    const changed = this.current !== id;
    this.current = id;
    if (location.hash !== `#${id}`) history.replaceState(null, '', `#${id}`);
    if (focusTab) this.buttons.get(id)?.focus();
    if (changed) tab.activate?.();
  }

  private onKey(ev: KeyboardEvent): void {
    const ids = this.tabs.map((t) => t.id);
    const index = ids.indexOf(this.current ?? '');
    let next: number | null = null;
    if (ev.key === 'ArrowRight') next = (index + 1) % ids.length;
    else if (ev.key === 'ArrowLeft') next = (index - 1 + ids.length) % ids.length;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = ids.length - 1;
    if (next === null) return;
    ev.preventDefault();
    const id = ids[next];
    if (id) this.select(id, true);
  }
}
