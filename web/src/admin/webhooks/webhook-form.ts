/**
 * The webhook dialog's state as plain data: from a webhook to the form, checks with one message per field
 * (the limits of api-admin.md §17 and the header rules of pipeline.md §16), hints about the URL that do not
 * block saving, the request bodies, and secret generation. No DOM here (unit-tested in webhook-form.test.ts).
 */
import type {
  ProtectedHeader,
  WebhookCreateBody,
  WebhookEvent,
  WebhookHeaders,
  WebhookResponse,
  WebhookUpdateBody,
} from '../../shared/types.js';

export const NAME_MAX = 100;
export const URL_MIN = 10;
export const URL_MAX = 500;
export const SECRET_MIN = 32;
export const SECRET_MAX = 64;
export const SECRET_GENERATED_LENGTH = 48;
export const HEADERS_MAX = 20;
export const HEADER_NAME_MAX = 100;
export const HEADER_VALUE_MAX = 1000;

/**
 * Headers the server sets itself or that would leak credentials: custom values for them are refused. The
 * contract's list, spelt again because web/ imports only types from it: a name missing or extra here fails
 * to compile.
 */
const PROTECTED: Record<ProtectedHeader, true> = {
  'content-type': true,
  'content-length': true,
  host: true,
  'user-agent': true,
  'x-vlog-event': true,
  'x-vlog-delivery-id': true,
  'x-vlog-timestamp': true,
  'x-vlog-signature': true,
  'x-vlog-test': true,
  authorization: true,
  cookie: true,
  'transfer-encoding': true,
  connection: true,
};
export const PROTECTED_HEADERS: ReadonlySet<string> = new Set(Object.keys(PROTECTED));

/** An HTTP token (RFC 9110 §5.6.2), as the contract's header-name pattern. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface HeaderRow {
  /** Stable key for the row's inputs while rows are added and removed. */
  id: number;
  name: string;
  value: string;
}

export interface WebhookFormState {
  name: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  /** A new secret; empty keeps the current one (edit) or sets none (create). */
  secret: string;
  /** Edit only: send `secret: ""` to remove the stored secret. */
  removeSecret: boolean;
  headers: HeaderRow[];
}

export type FormErrors = Partial<Record<'name' | 'url' | 'events' | 'secret' | 'headers', string>> & {
  /** Per header row id. */
  rows?: Record<number, string>;
};

let nextRowId = 0;
export const headerRow = (name = '', value = ''): HeaderRow => ({ id: ++nextRowId, name, value });

export function initialForm(webhook: WebhookResponse | null): WebhookFormState {
  return {
    name: webhook?.name ?? '',
    url: webhook?.url ?? '',
    events: (webhook?.events ?? []) as WebhookEvent[],
    active: webhook?.active ?? true,
    secret: '',
    removeSecret: false,
    headers: Object.entries(webhook?.headers ?? {}).map(([name, value]) => headerRow(name, value)),
  };
}

export const isProtectedHeader = (name: string) => PROTECTED_HEADERS.has(name.trim().toLowerCase());

/** Why a header row cannot be saved, or null. `seen` holds the lower-case names of the rows above it. */
export function headerRowError(row: HeaderRow, seen: ReadonlySet<string>): string | null {
  const name = row.name.trim();
  if (!name && !row.value) return null;
  if (!name) return 'Enter the header name';
  if (name.length > HEADER_NAME_MAX) return `At most ${HEADER_NAME_MAX} characters in a name`;
  if (!HEADER_NAME.test(name)) return 'Letters, digits and - _ . only (no spaces or colons)';
  if (isProtectedHeader(name)) return `${name} is a protected header and cannot be set here`;
  if (seen.has(name.toLowerCase())) return `${name} is listed twice`;
  if (/[\r\n]/.test(row.value)) return 'The value cannot contain line breaks';
  if (row.value.length > HEADER_VALUE_MAX) return `At most ${HEADER_VALUE_MAX} characters in a value`;
  return null;
}

function urlError(raw: string): string | null {
  const url = raw.trim();
  if (!url) return 'Enter the URL that receives the events';
  if (!/^https?:\/\//i.test(url)) return 'The URL must start with http:// or https://';
  if (url.length < URL_MIN) return `At least ${URL_MIN} characters`;
  if (url.length > URL_MAX) return `At most ${URL_MAX} characters`;
  try {
    if (!new URL(url).hostname) return 'The URL needs a host name';
  } catch {
    return 'This is not a valid URL';
  }
  return null;
}

/** Advice on a URL that is valid as typed; the server has the last word (its SSRF check answers 422). */
export function urlHint(raw: string): string | null {
  const url = raw.trim();
  if (urlError(url)) return null;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const privateHost =
    host === 'localhost' ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    /^(127\.|10\.|192\.168\.|169\.254\.|0\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(
      host,
    ) ||
    (host.includes(':') && /^(::1$|::ffff:|f[cd]|fe[89ab])/.test(host));
  if (privateHost) {
    return 'A private or local address: the server refuses it unless private targets are allowed (VLOG_WEBHOOKS_ALLOW_PRIVATE_TARGETS).';
  }
  if (url.toLowerCase().startsWith('http://')) return 'Plain http: the events travel unencrypted.';
  return null;
}

export function validate(form: WebhookFormState): FormErrors {
  const errors: FormErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Enter a name';
  else if (name.length > NAME_MAX) errors.name = `At most ${NAME_MAX} characters`;
  const url = urlError(form.url);
  if (url) errors.url = url;
  if (form.events.length === 0) errors.events = 'Choose at least one event';
  const secret = form.secret.trim();
  if (secret && !form.removeSecret && (secret.length < SECRET_MIN || secret.length > SECRET_MAX)) {
    errors.secret = `The secret must be ${SECRET_MIN}–${SECRET_MAX} characters (it has ${secret.length})`;
  }
  const rows: Record<number, string> = {};
  const seen = new Set<string>();
  for (const row of form.headers) {
    const error = headerRowError(row, seen);
    if (error) rows[row.id] = error;
    if (row.name.trim()) seen.add(row.name.trim().toLowerCase());
  }
  if (Object.keys(rows).length) errors.rows = rows;
  if (seen.size > HEADERS_MAX) errors.headers = `At most ${HEADERS_MAX} headers`;
  return errors;
}

export const hasErrors = (errors: FormErrors) => Object.keys(errors).length > 0;

/** The filled-in header rows as the API's object (blank rows are left out). */
export function headersObject(rows: HeaderRow[]): WebhookHeaders {
  const out: WebhookHeaders = {};
  for (const row of rows) if (row.name.trim()) out[row.name.trim()] = row.value;
  return out;
}

/** Events in the checklist's order, so the list reads the same wherever it is shown. */
const ordered = (events: WebhookEvent[], order: readonly WebhookEvent[]) =>
  order.filter((e) => events.includes(e));

export function createBody(form: WebhookFormState, order: readonly WebhookEvent[]): WebhookCreateBody {
  const secret = form.secret.trim();
  const headers = headersObject(form.headers);
  return {
    name: form.name.trim(),
    url: form.url.trim(),
    events: ordered(form.events, order),
    active: form.active,
    ...(secret ? { secret } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
  };
}

/** Every field (headers `{}` clears them); the secret only when it changes: a new one, or `""` to remove it. */
export function updateBody(form: WebhookFormState, order: readonly WebhookEvent[]): WebhookUpdateBody {
  const secret = form.secret.trim();
  return {
    name: form.name.trim(),
    url: form.url.trim(),
    events: ordered(form.events, order),
    active: form.active,
    headers: headersObject(form.headers),
    ...(form.removeSecret ? { secret: '' } : secret ? { secret } : {}),
  };
}

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random secret of `length` letters and digits from the browser's CSPRNG. Bytes ≥ 248 (4 × 62) are
 * drawn again, so every character is equally likely.
 */
export function generateSecret(
  length = SECRET_GENERATED_LENGTH,
  fill: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const limit = Math.floor(256 / SECRET_ALPHABET.length) * SECRET_ALPHABET.length;
  let out = '';
  while (out.length < length) {
    for (const byte of fill(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += SECRET_ALPHABET[byte % SECRET_ALPHABET.length];
    }
  }
  return out;
}
