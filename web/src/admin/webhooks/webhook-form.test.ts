import { describe, expect, it } from 'vitest';
import type { WebhookResponse } from '../../shared/types.js';
import { WEBHOOK_EVENTS } from './webhook-events.js';
import {
  createBody,
  generateSecret,
  headerRow,
  initialForm,
  updateBody,
  urlHint,
  validate,
  type WebhookFormState,
} from './webhook-form.js';

const form = (patch: Partial<WebhookFormState> = {}): WebhookFormState => ({
  ...initialForm(null),
  name: 'Chat',
  url: 'https://hooks.example.com/vlog',
  events: ['video.ready'],
  ...patch,
});

const stored: WebhookResponse = {
  id: 3,
  name: 'CMS',
  url: 'https://cms.example.com/hook',
  events: ['video.deleted', 'video.ready'],
  active: false,
  headers: { 'X-Team': 'video' },
  created_at: '2026-12-07T08:00:00Z',
  updated_at: null,
  last_triggered_at: null,
  total_deliveries: 0,
  successful_deliveries: 0,
  failed_deliveries: 0,
  has_secret: true,
};

describe('webhook form', () => {
  it('accepts a complete form and says what is wrong with each field', () => {
    expect(validate(form())).toEqual({});
    const errors = validate(form({ name: ' ', url: 'ftp://example.com/x', events: [], secret: 'short' }));
    expect(errors).toEqual({
      name: 'Enter a name',
      url: 'The URL must start with http:// or https://',
      events: 'Choose at least one event',
      secret: 'The secret must be 32–64 characters (it has 5)',
    });
    expect(validate(form({ url: 'http://a' })).url).toBe('At least 10 characters');
    expect(validate(form({ url: 'https://exa mple.com' })).url).toBe('This is not a valid URL');
    expect(validate(form({ secret: 'x'.repeat(65) })).secret).toContain('(it has 65)');
    // Removing the secret ignores whatever is typed.
    expect(validate(form({ secret: 'short', removeSecret: true }))).toEqual({});
  });

  it('flags protected, malformed and repeated header names per row; blank rows are ignored', () => {
    const rows = [
      headerRow('Authorization', 'Bearer x'),
      headerRow('X Team', 'a'),
      headerRow('X-Trace', 'a'),
      headerRow('x-trace', 'b'),
      headerRow('', ''),
      headerRow('X-Line', 'a\nb'),
      headerRow('', 'orphan'),
    ];
    const errors = validate(form({ headers: rows }));
    expect(Object.values(errors.rows ?? {})).toEqual([
      'Authorization is a protected header and cannot be set here',
      'Letters, digits and - _ . only (no spaces or colons)',
      'x-trace is listed twice',
      'The value cannot contain line breaks',
      'Enter the header name',
    ]);
    expect(errors.rows?.[rows[0]!.id]).toContain('Authorization');
    expect(errors.rows?.[rows[4]!.id]).toBeUndefined();
    const many = Array.from({ length: 21 }, (_, i) => headerRow(`X-H${i}`, 'v'));
    expect(validate(form({ headers: many })).headers).toBe('At most 20 headers');
  });

  it('hints at private targets and plain http without blocking', () => {
    expect(urlHint('http://127.0.0.1:8080/hook')).toContain('VLOG_WEBHOOKS_ALLOW_PRIVATE_TARGETS');
    expect(urlHint('https://[::1]:9000/hook')).toContain('private');
    expect(urlHint('https://100.64.1.2/hook')).toContain('private');
    expect(urlHint('https://fcbarcelona.example/hook')).toBeNull();
    expect(urlHint('http://hooks.example.com/x')).toBe('Plain http: the events travel unencrypted.');
    expect(urlHint('https://hooks.example.com/x')).toBeNull();
    expect(urlHint('nonsense')).toBeNull();
  });

  it('builds the create body: trimmed, events in checklist order, optional parts left out', () => {
    const body = createBody(
      form({ name: ' Chat ', events: ['worker.offline', 'video.uploaded'], active: false }),
      WEBHOOK_EVENTS,
    );
    expect(body).toEqual({
      name: 'Chat',
      url: 'https://hooks.example.com/vlog',
      events: ['video.uploaded', 'worker.offline'],
      active: false,
    });
    const full = createBody(
      form({ secret: 's'.repeat(40), headers: [headerRow('X-Team', 'video'), headerRow()] }),
      WEBHOOK_EVENTS,
    );
    expect(full.secret).toBe('s'.repeat(40));
    expect(full.headers).toEqual({ 'X-Team': 'video' });
  });

  it('fills the edit form from a webhook and sends the secret only when it changes', () => {
    const f = initialForm(stored);
    expect(f).toMatchObject({ name: 'CMS', active: false, secret: '', removeSecret: false });
    expect(f.headers.map((r) => [r.name, r.value])).toEqual([['X-Team', 'video']]);
    const kept = updateBody(f, WEBHOOK_EVENTS);
    expect(kept).toEqual({
      name: 'CMS',
      url: 'https://cms.example.com/hook',
      events: ['video.ready', 'video.deleted'],
      active: false,
      headers: { 'X-Team': 'video' },
    });
    expect(updateBody({ ...f, removeSecret: true, secret: 'ignored' }, WEBHOOK_EVENTS).secret).toBe('');
    expect(updateBody({ ...f, secret: 'n'.repeat(32) }, WEBHOOK_EVENTS).secret).toBe('n'.repeat(32));
    expect(updateBody({ ...f, headers: [] }, WEBHOOK_EVENTS).headers).toEqual({});
  });

  it('generates secrets of letters and digits, redrawing biased bytes', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(generateSecret()).not.toBe(secret);
    expect(generateSecret(64)).toHaveLength(64);
    // 255 is above the unbiased limit (248) and is skipped; 0 → 'A', 61 → '9', 62 → 'A'.
    let call = 0;
    const fill = (b: Uint8Array) => {
      b.fill(call++ === 0 ? 255 : 0);
      b.set([0, 61, 62, 255], 0);
      return b;
    };
    expect(generateSecret(3, fill)).toBe('A9A');
  });
});
