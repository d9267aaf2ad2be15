/**
 * Admin SPA entry point (bundled to /static/admin.js).
 *
 * Boot: `GET /api/auth/check` → login dialog if needed → app shell with tabs.
 * New tabs: a Preact component wrapped by `componentTab()` (components/component-tab.tsx)
 * in its own folder, added to `TABS` below.
 */
import { h, render } from 'preact';
import { analyticsTab } from './analytics/analytics-tab.js';
import { ApiClient, errorMessage } from './api.js';
import { archiveTab } from './archive/archive-tab.js';
import { Auth } from './auth.js';
import { categoriesTab } from './categories/categories-tab.js';
import { showBoot } from './boot-view.js';
import { ToastRegion } from './components/toast.js';
import { playlistsTab } from './playlists/playlists-tab.js';
import { ProgressStream } from './progress-stream.js';
import { settingsTab } from './settings/settings-tab.js';
import { tagsTab } from './tags/tags-tab.js';
import { installShortcuts } from './shortcuts.js';
import { AdminEvents, TabBar } from './tabs.js';
import type { AdminTab, TabContext } from './tabs.js';
import { uploadTab } from './upload/upload-tab.js';
import { videosTab } from './videos/videos-tab.js';
import { webhooksTab } from './webhooks/webhooks-tab.js';
import { must } from '../shared/dom.js';

const TABS: AdminTab[] = [
  videosTab,
  uploadTab,
  archiveTab,
  playlistsTab,
  categoriesTab,
  tagsTab,
  analyticsTab,
  webhooksTab,
  settingsTab,
];

const api = new ApiClient();
const auth = new Auth(api);
const stream = new ProgressStream(api);
const events = new AdminEvents();

const app = must('#app');
const bootBox = must('#boot');
const logoutButton = must<HTMLButtonElement>('#logout-button');
render(h(ToastRegion, null), must('#toast-region'));

let tabBar: TabBar | null = null;

const ctx: TabContext = {
  api,
  stream,
  events,
  switchTab: (id) => tabBar?.select(id),
};

/** Any 401: stop live updates, ask for the secret again, then reload the current tab. */
api.onUnauthorized(() => {
  if (auth.isLoginOpen()) return;
  stream.stop();
  void auth.requireLogin().then(() => {
    stream.start();
    tabBar?.active?.refresh?.();
  });
});

function startApp(): void {
  bootBox.hidden = true;
  app.hidden = false;
  logoutButton.hidden = !auth.authRequired;
  if (!tabBar) {
    tabBar = new TabBar(must('#tabs'), must('#main'), TABS, ctx);
    tabBar.select(tabBar.initialTab());
  } else {
    tabBar.active?.refresh?.();
  }
  stream.start();
}

async function boot(): Promise<void> {
  showBoot(bootBox, { kind: 'loading' });
  bootBox.hidden = false;
  try {
    const check = await auth.check();
    if (check.auth_required && !check.authenticated) {
      bootBox.hidden = true;
      await auth.requireLogin();
    }
    startApp();
  } catch (err) {
    showBoot(bootBox, { kind: 'error', message: errorMessage(err), retry: () => void boot() });
  }
}

logoutButton.addEventListener('click', () => {
  void (async () => {
    logoutButton.disabled = true;
    stream.stop();
    await auth.logout();
    logoutButton.disabled = false;
    await auth.requireLogin();
    stream.start();
    tabBar?.active?.refresh?.();
  })();
});

installShortcuts({
  tabs: () => TABS,
  activeTabId: () => tabBar?.active?.id,
  selectTab: (id) => tabBar?.select(id, true),
});

void boot();
