/**
 * Admin authentication: `GET /api/auth/check` on load, the login dialog
 * (`#login-dialog` / `#login-form` / `#login-secret` in index.html),
 * `POST /api/auth/login {secret}` and `POST /api/auth/logout`.
 */
import { ApiClient, HttpError, errorMessage } from './api.js';
import { must } from '../shared/dom.js';
import type { AuthCheck } from '../shared/types.js';

export class Auth {
  /** False when the server runs without an admin secret (everything open). */
  authRequired = true;
  private pending: Promise<void> | null = null;
  private resolvePending: (() => void) | null = null;

  private readonly dialog = must<HTMLDialogElement>('#login-dialog');
  private readonly form = must<HTMLFormElement>('#login-form');
  private readonly secret = must<HTMLInputElement>('#login-secret');
  private readonly error = must('#login-error');
  private readonly submit = must<HTMLButtonElement>('#login-submit');

  constructor(private readonly api: ApiClient) {
    this.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.login();
    });
    // The login dialog cannot be dismissed with Escape: there is nothing behind it to use.
    this.dialog.addEventListener('cancel', (ev) => ev.preventDefault());
  }

  async check(): Promise<AuthCheck> {
    const result = await this.api.get<AuthCheck>('/api/auth/check', { noAuthRedirect: true });
    this.authRequired = result.auth_required !== false;
    return result;
  }

  /** Show the login dialog; resolves once the user is signed in. Concurrent callers share one dialog. */
  requireLogin(): Promise<void> {
    if (this.pending) return this.pending;
    this.pending = new Promise<void>((resolve) => {
      this.resolvePending = resolve;
    });
    this.error.hidden = true;
    this.error.textContent = '';
    this.secret.value = '';
    this.secret.removeAttribute('aria-invalid');
    document.body.classList.add('logged-out');
    if (!this.dialog.open) this.dialog.showModal();
    this.secret.focus();
    return this.pending;
  }

  isLoginOpen(): boolean {
    return this.dialog.open;
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
    this.secret.setAttribute('aria-invalid', 'true');
    this.secret.focus();
    this.secret.select();
  }

  private async login(): Promise<void> {
    const secret = this.secret.value;
    if (!secret) {
      this.showError('Enter the admin secret.');
      return;
    }
    this.submit.disabled = true;
    this.submit.setAttribute('aria-busy', 'true');
    const label = this.submit.textContent;
    this.submit.textContent = 'Signing in…';
    try {
      await this.api.post('/api/auth/login', { secret }, { noCsrf: true, noAuthRedirect: true });
      this.secret.value = '';
      this.error.hidden = true;
      this.dialog.close();
      document.body.classList.remove('logged-out');
      const resolve = this.resolvePending;
      this.pending = null;
      this.resolvePending = null;
      resolve?.();
    } catch (err) {
      if (err instanceof HttpError && (err.status === 403 || err.status === 401))
        this.showError('Invalid admin secret');
      else if (err instanceof HttpError && err.status === 429)
        this.showError('Too many attempts. Wait a minute and try again.');
      else this.showError(errorMessage(err));
    } finally {
      this.submit.disabled = false;
      this.submit.removeAttribute('aria-busy');
      this.submit.textContent = label;
    }
  }

  async logout(): Promise<void> {
    try {
      await this.api.post('/api/auth/logout', undefined, { noCsrf: true, noAuthRedirect: true });
    } catch {
      // The session is gone either way once we show the login dialog again.
    }
  }
}
