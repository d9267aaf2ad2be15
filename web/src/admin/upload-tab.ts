/**
 * Upload tab: file dropzone + title/description/category, multipart
 * `POST /api/videos` through XMLHttpRequest for byte progress, speed and Cancel.
 *
 * Test hooks: `#upload-file`, `#upload-title`, `#upload-description`,
 * `#upload-category`, `#upload-submit`, `#upload-cancel`, `#upload-progress`
 * (<progress> 0–100), `#upload-progress-text`, `#upload-result`, `#upload-error`.
 */
import { UnauthorizedError, errorMessage } from './api.js';
import { announce, h, icon, replaceChildren, toast } from './dom.js';
import type { AdminTab, TabContext } from './tabs.js';
import { detailFromBody } from '../shared/http.js';
import { formatBytes } from '../shared/format.js';
import type { Category, UploadResponse } from '../shared/types.js';

export const ALLOWED_EXTENSIONS = ['.mp4', '.mkv', '.webm', '.mov', '.avi'] as const;
const ACCEPT = 'video/*,.mp4,.mkv,.webm,.mov,.avi';

/** "my_holiday-video.final.mp4" → "my holiday video final". */
export function titleFromFileName(name: string): string {
  return name
    .replace(/\.[^.]+$/, '')
    .replace(/[_.\-+]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

function extensionOf(name: string): string {
  const m = /\.[^.]+$/.exec(name.toLowerCase());
  return m ? m[0] : '';
}

/** Upload speed over a sliding window of recent progress samples. */
class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];

  add(bytes: number): void {
    const t = performance.now();
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - (this.samples[0]?.t ?? t) > 4000) this.samples.shift();
  }

  /** Bytes per second, or 0 while unknown. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t - first.t < 250) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.t - first.t);
  }
}

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '';
  if (seconds < 60) return `${Math.ceil(seconds)} s left`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s left`;
  return `${Math.floor(m / 60)} h ${m % 60} min left`;
}

export class UploadTab implements AdminTab {
  readonly id = 'upload';
  readonly label = 'Upload';
  readonly icon = 'upload' as const;

  private ctx!: TabContext;
  private file: File | null = null;
  private titleAutoFilled = false;
  private xhr: XMLHttpRequest | null = null;
  private categoriesLoaded = false;
  private lastFileSize = '';

  private form!: HTMLFormElement;
  private fileInput!: HTMLInputElement;
  private dropzone!: HTMLDivElement;
  private fileInfo!: HTMLDivElement;
  private titleInput!: HTMLInputElement;
  private descInput!: HTMLTextAreaElement;
  private categorySelect!: HTMLSelectElement;
  private newCategoryBox!: HTMLDivElement;
  private newCategoryInput!: HTMLInputElement;
  private progressBox!: HTMLDivElement;
  private progress!: HTMLProgressElement;
  private progressText!: HTMLParagraphElement;
  private errorBox!: HTMLParagraphElement;
  private resultBox!: HTMLDivElement;
  private submitButton!: HTMLButtonElement;
  private cancelButton!: HTMLButtonElement;

  mount(panel: HTMLElement, ctx: TabContext): void {
    this.ctx = ctx;

    this.fileInput = h('input', {
      type: 'file',
      id: 'upload-file',
      name: 'file',
      class: 'dropzone-input',
      accept: ACCEPT,
      'aria-describedby': 'upload-file-hint',
    });
    this.fileInfo = h('div', { class: 'file-info', id: 'upload-file-info', hidden: true });
    this.dropzone = h(
      'div',
      { class: 'dropzone', id: 'upload-dropzone' },
      this.fileInput,
      h(
        'label',
        { for: 'upload-file', class: 'dropzone-label' },
        icon('upload', 'icon icon-xl'),
        h(
          'span',
          { class: 'dropzone-title' },
          'Drop a video here or ',
          h('span', { class: 'link-like' }, 'browse'),
        ),
        h('span', { class: 'dropzone-hint muted', id: 'upload-file-hint' }, 'MP4, MKV, WebM, MOV or AVI'),
      ),
      this.fileInfo,
    );

    this.titleInput = h('input', {
      type: 'text',
      id: 'upload-title',
      name: 'title',
      class: 'input',
      maxlength: 255,
      required: true,
      autocomplete: 'off',
    });
    this.descInput = h('textarea', {
      id: 'upload-description',
      name: 'description',
      class: 'input',
      rows: 4,
      maxlength: 5000,
    });
    this.categorySelect = h(
      'select',
      { id: 'upload-category', name: 'category_id', class: 'input' },
      h('option', { value: '' }, 'No category'),
    );
    const newCategoryToggle = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-ghost btn-sm',
        id: 'new-category-toggle',
        'aria-expanded': 'false',
        'aria-controls': 'new-category-box',
      },
      'New category…',
    );
    this.newCategoryInput = h('input', {
      type: 'text',
      id: 'new-category-name',
      class: 'input input-sm',
      maxlength: 100,
      'aria-label': 'New category name',
      placeholder: 'Category name',
    });
    const newCategoryAdd = h(
      'button',
      { type: 'button', class: 'btn btn-secondary btn-sm', id: 'new-category-add' },
      'Add',
    );
    this.newCategoryBox = h(
      'div',
      { class: 'inline-form', id: 'new-category-box', hidden: true },
      this.newCategoryInput,
      newCategoryAdd,
    );
    newCategoryToggle.addEventListener('click', () => {
      const open = this.newCategoryBox.hidden;
      this.newCategoryBox.hidden = !open;
      newCategoryToggle.setAttribute('aria-expanded', String(open));
      if (open) this.newCategoryInput.focus();
    });
    newCategoryAdd.addEventListener('click', () => void this.createCategory());
    this.newCategoryInput.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        ev.preventDefault();
        void this.createCategory();
      }
    });

    this.progress = h('progress', {
      id: 'upload-progress',
      class: 'bar bar-lg',
      max: 100,
      value: 0,
      'aria-labelledby': 'upload-progress-label',
    });
    this.progressText = h('p', { id: 'upload-progress-text', class: 'progress-text' });
    this.progressBox = h(
      'div',
      { class: 'upload-progress', hidden: true },
      h(
        'div',
        { class: 'progress-head' },
        h('span', { id: 'upload-progress-label' }, 'Uploading'),
        this.progressText,
      ),
      this.progress,
    );
    this.errorBox = h('p', { id: 'upload-error', class: 'form-error', role: 'alert', hidden: true });
    this.resultBox = h('div', { id: 'upload-result', class: 'upload-result', role: 'status' });
    this.submitButton = h(
      'button',
      { type: 'submit', id: 'upload-submit', class: 'btn btn-primary' },
      icon('upload'),
      h('span', null, 'Upload'),
    );
    this.cancelButton = h(
      'button',
      { type: 'button', id: 'upload-cancel', class: 'btn btn-secondary', hidden: true },
      'Cancel',
    );
    this.cancelButton.addEventListener('click', () => this.cancel());

    const field = (
      label: string,
      forId: string,
      control: HTMLElement,
      extra?: HTMLElement | null,
      hint?: string,
    ): HTMLDivElement =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: forId, class: 'field-label' }, label),
        control,
        hint ? h('p', { class: 'field-hint muted' }, hint) : null,
        extra ?? null,
      );

    this.form = h(
      'form',
      { id: 'upload-form', class: 'upload-form', novalidate: true, 'aria-labelledby': 'upload-heading' },
      this.dropzone,
      field('Title', 'upload-title', this.titleInput),
      field('Description', 'upload-description', this.descInput, null, 'Optional. Shown on the watch page.'),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'upload-category', class: 'field-label' }, 'Category'),
        h('div', { class: 'select-row' }, this.categorySelect, newCategoryToggle),
        this.newCategoryBox,
      ),
      this.progressBox,
      this.errorBox,
      h('div', { class: 'form-actions' }, this.submitButton, this.cancelButton),
    );
    this.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.upload();
    });

    this.fileInput.addEventListener('change', () => this.setFile(this.fileInput.files?.[0] ?? null));
    this.titleInput.addEventListener('input', () => {
      this.titleAutoFilled = false;
      this.titleInput.removeAttribute('aria-invalid');
    });
    for (const type of ['dragenter', 'dragover'] as const) {
      this.dropzone.addEventListener(type, (ev) => {
        ev.preventDefault();
        if (!this.xhr) this.dropzone.classList.add('dragging');
      });
    }
    for (const type of ['dragleave', 'drop'] as const) {
      this.dropzone.addEventListener(type, (ev) => {
        ev.preventDefault();
        this.dropzone.classList.remove('dragging');
      });
    }
    this.dropzone.addEventListener('drop', (ev) => {
      if (this.xhr) return;
      const file = ev.dataTransfer?.files[0];
      if (file) this.setFile(file);
    });
    window.addEventListener('beforeunload', (ev) => {
      if (this.xhr) ev.preventDefault();
    });

    panel.append(
      h(
        'div',
        { class: 'panel-head' },
        h(
          'div',
          { class: 'panel-title-row' },
          h('h2', { class: 'panel-title', id: 'upload-heading' }, 'Upload video'),
        ),
      ),
      h('div', { class: 'card form-card' }, this.form, this.resultBox),
    );
  }

  activate(): void {
    if (!this.categoriesLoaded) void this.loadCategories();
  }

  refresh(): void {
    void this.loadCategories();
  }

  private async loadCategories(selectId?: number): Promise<void> {
    try {
      const categories = await this.ctx.api.get<Category[]>('/api/categories');
      const current = selectId !== undefined ? String(selectId) : this.categorySelect.value;
      replaceChildren(
        this.categorySelect,
        h('option', { value: '' }, 'No category'),
        ...(Array.isArray(categories) ? categories : []).map((c) =>
          h('option', { value: String(c.id) }, c.name),
        ),
      );
      this.categorySelect.value = current;
      if (this.categorySelect.value !== current) this.categorySelect.value = '';
      this.categoriesLoaded = true;
    } catch (err) {
      if (!(err instanceof UnauthorizedError))
        toast(`Could not load categories: ${errorMessage(err)}`, 'error');
    }
  }

  private async createCategory(): Promise<void> {
    const name = this.newCategoryInput.value.trim();
    if (!name) {
      this.newCategoryInput.focus();
      return;
    }
    try {
      const created = await this.ctx.api.post<Category>('/api/categories', { name, description: '' });
      this.newCategoryInput.value = '';
      this.newCategoryBox.hidden = true;
      document.getElementById('new-category-toggle')?.setAttribute('aria-expanded', 'false');
      await this.loadCategories(created.id);
      this.categorySelect.focus();
      toast(`Category “${created.name}” created`, 'success');
    } catch (err) {
      if (!(err instanceof UnauthorizedError))
        toast(`Could not create category: ${errorMessage(err)}`, 'error');
    }
  }

  private setFile(file: File | null): void {
    this.file = file;
    this.hideError();
    replaceChildren(this.resultBox);
    this.progressBox.hidden = true;
    if (!file) {
      this.fileInfo.hidden = true;
      this.dropzone.classList.remove('has-file');
      return;
    }
    const remove = h(
      'button',
      { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': `Remove ${file.name}` },
      icon('close'),
      'Remove',
    );
    remove.addEventListener('click', () => {
      this.fileInput.value = '';
      this.setFile(null);
      this.fileInput.focus();
    });
    replaceChildren(
      this.fileInfo,
      icon('film'),
      h('span', { class: 'file-name' }, file.name),
      h('span', { class: 'file-size muted' }, formatBytes(file.size)),
      remove,
    );
    this.fileInfo.hidden = false;
    this.dropzone.classList.add('has-file');
    if (!this.titleInput.value.trim() || this.titleAutoFilled) {
      this.titleInput.value = titleFromFileName(file.name);
      this.titleAutoFilled = true;
    }
    if (
      !ALLOWED_EXTENSIONS.includes(extensionOf(file.name) as (typeof ALLOWED_EXTENSIONS)[number]) &&
      extensionOf(file.name)
    ) {
      this.showError(
        `Unsupported file type “${extensionOf(file.name)}”. Allowed: ${ALLOWED_EXTENSIONS.join(', ')}`,
      );
    }
  }

  private showError(message: string): void {
    this.errorBox.textContent = message;
    this.errorBox.hidden = false;
  }

  private hideError(): void {
    this.errorBox.hidden = true;
    this.errorBox.textContent = '';
  }

  private setBusy(busy: boolean): void {
    const controls = [
      this.fileInput,
      this.titleInput,
      this.descInput,
      this.categorySelect,
      this.submitButton,
    ];
    for (const el of controls) el.disabled = busy;
    for (const el of this.form.querySelectorAll<HTMLButtonElement>(
      '.file-info button, #new-category-toggle, #new-category-add',
    )) {
      el.disabled = busy;
    }
    this.dropzone.classList.toggle('disabled', busy);
    this.cancelButton.hidden = !busy;
    this.submitButton.setAttribute('aria-busy', String(busy));
  }

  private validate(): boolean {
    this.hideError();
    if (!this.file) {
      this.showError('Choose a video file to upload.');
      this.fileInput.focus();
      return false;
    }
    const ext = extensionOf(this.file.name);
    if (ext && !ALLOWED_EXTENSIONS.includes(ext as (typeof ALLOWED_EXTENSIONS)[number])) {
      this.showError(`Unsupported file type “${ext}”. Allowed: ${ALLOWED_EXTENSIONS.join(', ')}`);
      this.fileInput.focus();
      return false;
    }
    if (!this.titleInput.value.trim()) {
      this.showError('Title is required.');
      this.titleInput.setAttribute('aria-invalid', 'true');
      this.titleInput.focus();
      return false;
    }
    return true;
  }

  private async upload(): Promise<void> {
    if (this.xhr || !this.validate() || !this.file) return;
    const file = this.file;
    this.lastFileSize = formatBytes(file.size);
    const title = this.titleInput.value.trim();
    replaceChildren(this.resultBox);
    this.setBusy(true);
    this.progress.value = 0;
    this.progressText.textContent = `0% · 0 B of ${formatBytes(file.size)}`;
    this.progressBox.hidden = false;

    let headers: Record<string, string>;
    try {
      headers = await this.ctx.api.csrfHeaders();
    } catch (err) {
      this.finish();
      if (!(err instanceof UnauthorizedError)) this.showError(`Upload failed: ${errorMessage(err)}`);
      return;
    }

    // Text fields first, file last: the server can read them before the file streams in.
    const body = new FormData();
    body.append('title', title);
    body.append('description', this.descInput.value);
    if (this.categorySelect.value) body.append('category_id', this.categorySelect.value);
    body.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    this.xhr = xhr;
    const meter = new SpeedMeter();
    let lastAnnounced = 0;
    xhr.open('POST', '/api/videos');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);

    xhr.upload.addEventListener('progress', (ev) => {
      const total = ev.lengthComputable ? ev.total : file.size;
      meter.add(ev.loaded);
      const pct = total > 0 ? Math.min(100, Math.floor((ev.loaded / total) * 100)) : 0;
      this.progress.value = pct;
      const rate = meter.rate();
      const parts = [`${pct}%`, `${formatBytes(ev.loaded)} of ${formatBytes(total)}`];
      if (rate > 0) parts.push(`${formatBytes(rate)}/s`, formatEta((total - ev.loaded) / rate));
      this.progressText.textContent = parts.filter(Boolean).join(' · ');
      if (pct >= lastAnnounced + 25) {
        lastAnnounced = pct - (pct % 25);
        announce(`Upload ${lastAnnounced}% complete`);
      }
    });
    xhr.upload.addEventListener('load', () => {
      this.progress.value = 100;
      this.progressText.textContent = `100% · ${formatBytes(file.size)} · Processing on the server…`;
    });

    xhr.addEventListener('load', () => {
      this.finish();
      const status = xhr.status;
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (status >= 200 && status < 300) {
        this.onSuccess((parsed ?? {}) as Partial<UploadResponse>, title);
        return;
      }
      if (status === 401) {
        this.showError('Your session expired. Sign in and try again.');
        this.ctx.api.notifyUnauthorized();
        return;
      }
      const detail = detailFromBody(parsed) ?? (xhr.statusText || `HTTP ${status}`);
      const prefix =
        status === 413 ? 'File too large' : status === 429 ? 'Upload limit reached' : 'Upload failed';
      this.showError(`${prefix}: ${detail}`);
    });
    xhr.addEventListener('error', () => {
      this.finish();
      this.showError('Upload failed: network error. Check your connection and try again.');
    });
    xhr.addEventListener('abort', () => {
      this.finish();
      this.progressBox.hidden = true;
      replaceChildren(this.resultBox, h('p', { class: 'muted' }, 'Upload cancelled.'));
      announce('Upload cancelled');
    });
    xhr.send(body);
  }

  private finish(): void {
    this.xhr = null;
    this.setBusy(false);
  }

  private cancel(): void {
    this.xhr?.abort();
  }

  private onSuccess(res: Partial<UploadResponse>, title: string): void {
    const slug = res.slug ?? '';
    const videoId = typeof res.video_id === 'number' ? res.video_id : Number(res.video_id);
    // Reset the form for the next upload (the progress bar stays at 100 % until a new file is chosen).
    this.form.reset();
    this.fileInput.value = '';
    this.setFile(null);
    this.titleAutoFilled = false;
    this.progress.value = 100;
    this.progressText.textContent = `100% · ${this.lastFileSize} · Upload complete`;
    this.progressBox.hidden = false;
    replaceChildren(
      this.resultBox,
      h(
        'div',
        { class: 'alert alert-success' },
        icon('check'),
        h(
          'p',
          null,
          'Uploaded “',
          h('strong', null, title),
          '” as ',
          h('code', { id: 'upload-result-slug' }, slug),
          '. ',
          res.message ?? 'Video queued for processing.',
        ),
      ),
    );
    toast(`Upload complete: “${title}” (${slug}) is queued for processing.`, 'success');
    if (Number.isFinite(videoId)) this.ctx.events.emit('video-uploaded', { video_id: videoId, slug, title });
    this.ctx.switchTab('videos');
  }
}
