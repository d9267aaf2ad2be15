import { describe, expect, it } from 'vitest';
import { isValidSlug, slugOrDigest } from './slug.js';

describe('slugOrDigest', () => {
  const slug = (text: string) => slugOrDigest(text, { fallback: 'category', maxLength: 100 });

  it('is slugify for text with ASCII letters, or without any letter', () => {
    expect(slug('  Café Music! ')).toBe('cafe-music');
    expect(slug('1984')).toBe('1984');
    expect(slug('!!!')).toBe('');
  });

  it('gives text without ASCII letters a stable, valid slug of its own', () => {
    for (const name of ['فيديو', '音楽', 'Ελληνικά', '音楽 2024']) {
      expect(isValidSlug(slug(name)), name).toBe(true);
      expect(slug(name)).toBe(slug(name));
    }
    expect(slug('音楽')).toMatch(/^category-[0-9a-f]{8}$/);
    expect(slug('音楽 2024')).toMatch(/^2024-[0-9a-f]{8}$/);
    expect(slug('音楽')).not.toBe(slug('映画'));
    expect(slug('音楽 2024')).not.toBe(slug('映画 2024'));
  });

  it('stays within maxLength', () => {
    const long = `${'٣'.repeat(10)}${'9'.repeat(200)}ا`;
    const s = slugOrDigest(long, { fallback: 'category', maxLength: 100 });
    expect(s.length).toBeLessThanOrEqual(100);
    expect(isValidSlug(s)).toBe(true);
  });
});
