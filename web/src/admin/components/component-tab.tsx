/**
 * Bridge from the tab bar (tabs.ts) to Preact components: a tab written as a component is
 * registered with `componentTab({ id, label, icon, Component })` and added to TABS in admin.ts.
 *
 * The component gets the shared TabContext plus two signals: `active` (the tab is visible) and
 * `refreshCount` (bumped after signing in again — reload data when it changes).
 */
import { signal, type Signal } from '@preact/signals';
import { render, type ComponentType } from 'preact';
import type { IconName } from '../../shared/dom.js';
import type { AdminTab, TabContext } from '../tabs.js';

export interface TabProps {
  ctx: TabContext;
  active: Signal<boolean>;
  refreshCount: Signal<number>;
}

export function componentTab(def: {
  id: string;
  label: string;
  icon?: IconName;
  Component: ComponentType<TabProps>;
}): AdminTab {
  const active = signal(false);
  const refreshCount = signal(0);
  return {
    id: def.id,
    label: def.label,
    ...(def.icon ? { icon: def.icon } : {}),
    mount(panel: HTMLElement, ctx: TabContext) {
      render(<def.Component ctx={ctx} active={active} refreshCount={refreshCount} />, panel);
    },
    activate() {
      active.value = true;
    },
    deactivate() {
      active.value = false;
    },
    refresh() {
      refreshCount.value += 1;
    },
  };
}
