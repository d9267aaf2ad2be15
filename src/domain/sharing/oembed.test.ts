import { describe, expect, it } from 'vitest';
import { slugOfSiteUrl } from './oembed.js';
import { fitFrame } from './shared-video.js';

const ORIGIN = 'https://videos.example.com';

describe('slugOfSiteUrl', () => {
  it('reads the slug of this site’s watch and embed pages, whatever the scheme, case of host or query', () => {
    expect(slugOfSiteUrl(`${ORIGIN}/watch/my-clip`, ORIGIN)).toBe('my-clip');
    expect(slugOfSiteUrl('http://VIDEOS.example.com/embed/my-clip/?t=3#x', ORIGIN)).toBe('my-clip');
  });

  it('refuses other hosts, ports, schemes, paths, credentials and bad slugs', () => {
    for (const url of [
      'https://videos.example.com:8443/watch/my-clip',
      'https://example.com/watch/my-clip',
      'https://user@videos.example.com/watch/my-clip',
      'javascript:alert(1)//videos.example.com/watch/my-clip',
      `${ORIGIN}/watch/my-clip/more`,
      `${ORIGIN}/watch/My-Clip`,
      `${ORIGIN}/watch/a%2F..%2Fb`,
      `${ORIGIN}/search?q=/watch/my-clip`,
      'my-clip',
    ]) {
      expect(slugOfSiteUrl(url, ORIGIN), url).toBeNull();
    }
  });
});

describe('fitFrame', () => {
  it('keeps the aspect within the limits, never below one pixel', () => {
    expect(fitFrame(16 / 9, { preferredWidth: 640 })).toEqual({ width: 640, height: 360 });
    expect(fitFrame(16 / 9, { preferredWidth: 640, maxWidth: 320 })).toEqual({ width: 320, height: 180 });
    expect(fitFrame(16 / 9, { preferredWidth: 640, maxHeight: 90 })).toEqual({ width: 160, height: 90 });
    expect(fitFrame(9 / 16, { preferredWidth: 640, maxWidth: 500, maxHeight: 400 })).toEqual({
      width: 225,
      height: 400,
    });
    expect(fitFrame(100, { preferredWidth: 640, maxWidth: 1 })).toEqual({ width: 1, height: 1 });
  });
});
