/**
 * Admin SPA entry point (bundled to /static/admin.js).
 *
 * Boot: `GET /api/auth/check` → login dialog if needed → app shell with tabs.
 * New tabs: implement `AdminTab` (see tabs.ts) in their own module and add an
 * instance to `TABS` below.
 */
import { ApiClient, errorMessage } from './api.js';
import { Auth } from './auth.js';
import { h, icon, isTyping, must, replaceChildren } from './dom.js';
import { ProgressStream } from './progress-stream.js';
import { AdminEvents, TabBar } from './tabs.js';
import type { AdminTab, TabContext } from './tabs.js';
import { UploadTab } from './upload-tab.js';
import { VideosTab } from './videos-tab.js';

const TABS: AdminTab[] = [new VideosTab(), new UploadTab()];

const api = new ApiClient();
const auth = new Auth(api);
const stream = new ProgressStream(api);
const events = new AdminEvents();

const app = must('#app');
const bootBox = must('#boot');
const logoutButton = must<HTMLButtonElement>('#logout-button');

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
  replaceChildren(bootBox, h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('p', null, 'Loading…'));
  bootBox.hidden = false;
  try {
    const check = await auth.check();
    if (check.auth_required && !check.authenticated) {
      bootBox.hidden = true;
      await auth.requireLogin();
    }
    startApp();
  } catch (err) {
    replaceChildren(
      bootBox,
      h(
        'div',
        { class: 'error-state', role: 'alert' },
        icon('alert', 'icon icon-xl'),
        h('p', { class: 'empty-title' }, 'Could not reach the admin API'),
        h('p', { class: 'muted' }, errorMessage(err)),
        h(
          'button',
          { type: 'button', class: 'btn btn-primary', on: { click: () => void boot() } },
          icon('refresh'),
          'Try again',
        ),
      ),
    );
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

// Keyboard shortcuts: 1…9 switch tabs (ignored while typing or when a dialog is open).
document.addEventListener('keydown', (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey || isTyping(ev.target) || document.querySelector('dialog[open]'))
    return;
  const n = Number(ev.key);
  const tab = Number.isInteger(n) && n >= 1 ? TABS[n - 1] : undefined;
  if (tab && tabBar) {
    ev.preventDefault();
    tabBar.select(tab.id, true);
  }
});

void boot();
