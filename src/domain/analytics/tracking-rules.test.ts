import { describe, expect, it } from 'vitest';
import { asksNotToBeTracked, normaliseQuality } from './tracking-rules.js';

describe('normaliseQuality', () => {
  it('keeps ladder names and the original, in lower case, and turns anything else into null', () => {
    expect(normaliseQuality('1080p')).toBe('1080p');
    expect(normaliseQuality(' 720P ')).toBe('720p');
    expect(normaliseQuality('original')).toBe('original');
    for (const other of ['auto', 'Auto', '', '1080', '4k', '999p', null, undefined]) {
      expect(normaliseQuality(other), String(other)).toBeNull();
    }
  });
});

describe('asksNotToBeTracked', () => {
  it('is true for DNT: 1 or Sec-GPC: 1 only', () => {
    expect(asksNotToBeTracked({ dnt: '1' })).toBe(true);
    expect(asksNotToBeTracked({ 'sec-gpc': '1' })).toBe(true);
    expect(asksNotToBeTracked({ dnt: '0' })).toBe(false);
    expect(asksNotToBeTracked({ dnt: 'null' })).toBe(false);
    expect(asksNotToBeTracked({})).toBe(false);
  });
});
