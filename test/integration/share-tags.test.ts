// Watch-page link previews (issue 13 §3): server-rendered OpenGraph and Twitter-card tags with absolute
// URLs, escaped; nothing said about unpublished videos; framing refused on every page but /embed/{slug}.
import { beforeAll, describe, expect, it } from 'vitest';
import { insertSharedVideo } from '../helpers/shared-videos.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const EVIL_TITLE = `Evil </title><script>alert("x")</script> & 'quotes'`;
const HOST = 'videos.example.com';

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every `<meta property|name=key content=…>` of a page, decoded, by key (repeated keys: the first). */
function metaTags(html: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const m of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)" \/>/g)) {
    if (!tags.has(m[1]!)) tags.set(m[1]!, decode(m[2]!));
  }
  return tags;
}
const titleOf = (html: string) => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');
const scriptCount = (html: string) => html.match(/<script/g)?.length ?? 0;

describe.each(DRIVERS)('watch page link previews (%s)', (driver) => {
  const t = useTestApp(driver);
  const page = (url: string, headers: Record<string, string> = { host: HOST }) =>
    t.publicApp.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    await insertSharedVideo(t, {
      title: EVIL_TITLE,
      slug: 'evil-title',
      description: `Line one <b>bold</b>\n\n  & "more"`,
      duration: 125.4,
      source: { width: 1280, height: 720 },
      thumbnail: { width: 320, height: 180 },
    });
    await insertSharedVideo(t, { title: 'Secret Draft Title', slug: 'secret-draft', published: false });
    await insertSharedVideo(t, { title: 'Binned Secret Title', slug: 'binned-secret', deleted: true });
    await insertSharedVideo(t, { title: 'Still Cooking', slug: 'still-cooking', status: 'processing' });
  });

  it('a public video: title, description, image, player and URLs, all absolute and escaped', async () => {
    const res = await page('/watch/evil-title');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(titleOf(html)).toBe(`${EVIL_TITLE} – VLog`);
    // The title's markup stays text: the page has exactly the one module script it had before.
    expect(scriptCount(html)).toBe(scriptCount((await page('/watch/no-such-video')).body));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>bold');

    const tags = metaTags(html);
    const origin = `http://${HOST}`;
    expect(tags.get('og:title')).toBe(EVIL_TITLE);
    expect(tags.get('og:type')).toBe('video.other');
    expect(tags.get('og:url')).toBe(`${origin}/watch/evil-title`);
    expect(tags.get('og:description')).toBe(`Line one <b>bold</b> & "more"`);
    expect(tags.get('description')).toBe(`Line one <b>bold</b> & "more"`);
    expect(tags.get('og:image')).toMatch(
      new RegExp(`^${origin}/videos/evil-title/thumbnail\\.jpg\\?v=\\d+$`),
    );
    expect(tags.get('og:image:width')).toBe('320');
    expect(tags.get('og:image:height')).toBe('180');
    expect(tags.get('og:video')).toBe(`${origin}/embed/evil-title`);
    expect(tags.get('og:video:type')).toBe('text/html');
    expect(tags.has('og:video:secure_url')).toBe(false); // plain http
    expect(tags.get('video:duration')).toBe('125');
    expect(tags.get('twitter:card')).toBe('player');
    expect(tags.get('twitter:title')).toBe(EVIL_TITLE);
    expect(tags.get('twitter:image')).toBe(tags.get('og:image'));
    expect(tags.get('twitter:player')).toBe(`${origin}/embed/evil-title`);
    expect(tags.get('twitter:player:width')).toBe('1280');
    expect(tags.get('twitter:player:height')).toBe('720');

    const oembed =
      /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]*)" \/>/.exec(html);
    expect(decode(oembed?.[1] ?? '')).toBe(
      `${origin}/api/oembed?url=${encodeURIComponent(`${origin}/watch/evil-title`)}&format=json`,
    );
    expect(decode(oembed?.[2] ?? '')).toBe(EVIL_TITLE);
    expect(html).toContain(`<link rel="canonical" href="${origin}/watch/evil-title" />`);
    // The page itself is unchanged below <head>: the client still renders it.
    expect(html).toContain('id="watch-root"');
  });

  it('a video still processing is shared without a player or picture', async () => {
    const tags = metaTags((await page('/watch/still-cooking')).body);
    expect(tags.get('og:title')).toBe('Still Cooking');
    expect(tags.get('description')).toBe('Watch Still Cooking on VLog.');
    expect(tags.get('twitter:card')).toBe('summary');
    expect(tags.has('og:video')).toBe(false);
    expect(tags.has('og:image')).toBe(false);
    expect(tags.has('twitter:player')).toBe(false);
  });

  it('unknown, unpublished, deleted and malformed slugs load the page with generic tags only', async () => {
    for (const url of [
      '/watch/no-such-video',
      '/watch/secret-draft',
      '/watch/binned-secret',
      '/watch/%3Cx%3E',
    ]) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('id="watch-root"');
      expect(res.body).not.toMatch(/Secret|Binned/);
      expect(titleOf(res.body)).toBe('VLog');
      const tags = metaTags(res.body);
      expect(tags.get('og:title')).toBe('VLog');
      expect(tags.get('og:type')).toBe('website');
      expect(tags.get('twitter:card')).toBe('summary');
      expect(tags.has('og:url')).toBe(false);
      expect(res.body).not.toContain('json+oembed');
    }
  });

  it('X-Forwarded-* count only from a trusted proxy; a malformed Host is not echoed', async () => {
    const forwarded = { host: HOST, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example.net' };
    expect(metaTags((await page('/watch/evil-title', forwarded)).body).get('og:url')).toBe(
      `http://${HOST}/watch/evil-title`,
    );
    const bad = await page('/watch/evil-title', { host: 'a"b<c>' });
    expect(bad.statusCode).toBe(200);
    expect(metaTags(bad.body).get('og:url')).toBe('http://localhost/watch/evil-title');
  });

  it('framing: every page and API refuses it, the embed page allows any site', async () => {
    for (const url of ['/', '/watch/evil-title', '/search', '/api/videos', '/sitemap.xml']) {
      const res = await page(url);
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors 'none'$/);
    }
    expect((await page('/api/videos')).headers['content-security-policy']).toBe(
      "default-src 'self'; frame-ancestors 'none'",
    );
    const embed = await page('/embed/evil-title');
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['content-security-policy']).toBe('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(titleOf(embed.body)).toBe(`${EVIL_TITLE} – VLog`);
    expect(embed.body).toContain('<meta name="robots" content="noindex" />');
  });
});

describe.each(DRIVERS)('link previews behind a trusted proxy (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_TRUSTED_PROXIES: '127.0.0.1' });

  it('URLs follow X-Forwarded-Proto and X-Forwarded-Host', async () => {
    await insertSharedVideo(t, { title: 'Proxied', slug: 'proxied', thumbnail: { width: 64, height: 36 } });
    const res = await t.publicApp.inject({
      method: 'GET',
      url: '/watch/proxied',
      headers: {
        host: 'internal:9000',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'public.example.org',
      },
    });
    const tags = metaTags(res.body);
    expect(tags.get('og:url')).toBe('https://public.example.org/watch/proxied');
    expect(tags.get('og:video:secure_url')).toBe('https://public.example.org/embed/proxied');
    expect(tags.get('og:image')).toMatch(/^https:\/\/public\.example\.org\/videos\/proxied\/thumbnail\.jpg/);
  });
});
