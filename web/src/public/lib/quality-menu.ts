/**
 * Accessible quality menu for hls.js playback (menu button pattern):
 * `#quality-button` (aria-haspopup/aria-expanded) opens a `role="menu"` list of
 * `role="menuitemradio"` items carrying `data-level` (-1 = Auto, else the hls.js
 * level index). Keyboard: Enter/Space/ArrowDown/ArrowUp open; ArrowUp/ArrowDown/
 * Home/End move; Enter/Space choose; Escape/Tab close (Escape returns focus).
 */
import { h, icon } from '../../shared/dom.js';

export interface LevelInfo {
  /** hls.js level index. */
  index: number;
  height: number;
  bitrate: number;
}

export interface QualityOption {
  level: number;
  label: string;
  height: number;
}

/** Levels → menu options: de-duplicated by height (highest bitrate wins), sorted by height desc. */
export function qualityOptions(levels: readonly LevelInfo[]): QualityOption[] {
  const byKey = new Map<string, LevelInfo>();
  for (const level of levels) {
    const key = level.height > 0 ? `h${level.height}` : `b${level.bitrate}`;
    const existing = byKey.get(key);
    if (!existing || level.bitrate > existing.bitrate) byKey.set(key, level);
  }
  return [...byKey.values()]
    .sort((a, b) => b.height - a.height || b.bitrate - a.bitrate)
    .map((l) => ({ level: l.index, height: l.height, label: levelLabel(l) }));
}

export function levelLabel(level: Pick<LevelInfo, 'height' | 'bitrate'>): string {
  if (level.height > 0) return `${level.height}p`;
  return level.bitrate > 0 ? `${Math.round(level.bitrate / 1000)} kbps` : 'Unknown';
}

export interface QualityMenuOptions {
  onSelect: (level: number) => void;
}

export class QualityMenu {
  readonly element: HTMLDivElement;
  private readonly button: HTMLButtonElement;
  private readonly buttonLabel: HTMLSpanElement;
  private readonly list: HTMLUListElement;
  private options: QualityOption[] = [];
  private selected = -1;
  private autoLabel = '';

  constructor(private readonly opts: QualityMenuOptions) {
    this.buttonLabel = h('span', { id: 'quality-current' }, 'Auto');
    this.button = h(
      'button',
      {
        type: 'button',
        id: 'quality-button',
        class: 'quality-button',
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        'aria-controls': 'quality-list',
        'aria-label': 'Quality: Auto',
        disabled: true,
      },
      icon('gear'),
      h('span', { class: 'quality-prefix', 'aria-hidden': 'true' }, 'Quality'),
      // A space between the words: the visible text reads "Quality Auto", which the name must contain for
      // voice control ("click Quality Auto"); the flex layout does not render it.
      ' ',
      this.buttonLabel,
      icon('chevron', 'icon icon-sm chevron'),
    );
    this.list = h('ul', {
      id: 'quality-list',
      class: 'quality-list',
      role: 'menu',
      'aria-label': 'Video quality',
      hidden: true,
    });
    this.element = h('div', { class: 'quality-menu' }, this.button, this.list);

    this.button.addEventListener('click', () => (this.isOpen() ? this.close(true) : this.open('selected')));
    this.button.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        this.open(ev.key === 'ArrowUp' ? 'last' : 'selected');
      }
    });
    this.list.addEventListener('keydown', (ev) => this.onMenuKey(ev));
    this.list.addEventListener('click', (ev) => {
      const item = (ev.target as Element | null)?.closest<HTMLLIElement>('[role="menuitemradio"]');
      if (item) this.choose(Number(item.dataset['level']));
    });
    document.addEventListener('pointerdown', (ev) => {
      if (this.isOpen() && !this.element.contains(ev.target as Node)) this.close(false);
    });
  }

  /** Replace the available levels (called on MANIFEST_PARSED). */
  setLevels(levels: readonly LevelInfo[]): void {
    this.options = qualityOptions(levels);
    this.button.disabled = this.options.length === 0;
    this.render();
  }

  /** Reflect the level currently playing; `auto` tells whether ABR is in control. */
  setCurrent(levelHeightLabel: string, auto: boolean, manualLevel: number): void {
    this.autoLabel = auto ? levelHeightLabel : this.autoLabel;
    this.selected = auto ? -1 : manualLevel;
    this.render();
  }

  private itemLabel(option: QualityOption | null): string {
    if (option) return option.label;
    return this.autoLabel ? `Auto (${this.autoLabel})` : 'Auto';
  }

  private render(): void {
    const selectedOption = this.options.find((o) => o.level === this.selected) ?? null;
    const label = this.selected === -1 ? this.itemLabel(null) : this.itemLabel(selectedOption);
    this.buttonLabel.textContent = label;
    this.button.setAttribute('aria-label', `Quality: ${label}`);

    const focusedLevel = (document.activeElement as HTMLElement | null)?.dataset?.['level'];
    const items = [null, ...this.options].map((option) => {
      const level = option ? option.level : -1;
      const checked = level === this.selected;
      return h(
        'li',
        {
          role: 'menuitemradio',
          class: 'quality-item',
          tabindex: '-1',
          'aria-checked': checked ? 'true' : 'false',
          dataset: { level },
        },
        icon('check', 'icon icon-sm check'),
        h('span', null, this.itemLabel(option)),
      );
    });
    this.list.replaceChildren(...items);
    if (this.isOpen() && focusedLevel !== undefined) {
      this.list.querySelector<HTMLElement>(`[data-level="${focusedLevel}"]`)?.focus();
    }
  }

  isOpen(): boolean {
    return !this.list.hidden;
  }

  private items(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>('[role="menuitemradio"]')];
  }

  open(focus: 'selected' | 'first' | 'last'): void {
    if (this.button.disabled) return;
    this.list.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    const items = this.items();
    const target =
      focus === 'last'
        ? items[items.length - 1]
        : focus === 'first'
          ? items[0]
          : (items.find((i) => i.getAttribute('aria-checked') === 'true') ?? items[0]);
    target?.focus();
  }

  close(returnFocus: boolean): void {
    if (!this.isOpen()) return;
    this.list.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.button.focus();
  }

  private choose(level: number): void {
    if (!Number.isFinite(level)) return;
    this.selected = level;
    this.close(true);
    this.render();
    this.opts.onSelect(level);
  }

  private onMenuKey(ev: KeyboardEvent): void {
    const items = this.items();
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => {
      ev.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    switch (ev.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Enter':
      case ' ': {
        ev.preventDefault();
        const item = items[index];
        if (item) this.choose(Number(item.dataset['level']));
        break;
      }
      case 'Escape':
        ev.preventDefault();
        ev.stopPropagation();
        this.close(true);
        break;
      case 'Tab':
        this.close(false);
        break;
      default: {
        // Type-ahead: jump to the first item starting with the typed character.
        if (ev.key.length === 1 && /\S/.test(ev.key)) {
          const start = index + 1;
          for (let i = 0; i < items.length; i++) {
            const item = items[(start + i) % items.length];
            if (item?.textContent?.toLowerCase().startsWith(ev.key.toLowerCase())) {
              move((start + i) % items.length);
              break;
            }
          }
        }
      }
    }
  }
}
