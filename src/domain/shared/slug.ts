import { createHash } from 'node:crypto';

/** URL-safe identifier: ASCII-folded, lower-case, non-alphanumerics collapsed to single dashes. */
export function slugify(text: string, maxLength = 255): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
}

/**
 * slugify(text), unless that drops every letter of a text that has some (Arabic, CJK, Greek…: nothing to
 * fold to ASCII): then the ASCII that is left (digits) or `fallback`, plus a digest of the text. The
 * digest is stable, so the same name always gives the same slug and a unique slug still means a unique
 * name; different names get different slugs.
 */
export function slugOrDigest(text: string, options: { fallback: string; maxLength?: number }): string {
  const slug = slugify(text, options.maxLength);
  if (/[a-z]/.test(slug) || !/\p{L}/u.test(text)) return slug;
  const digest = createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 8);
  return `${slug || options.fallback}-${digest}`.slice(-(options.maxLength ?? 255)).replace(/^-+/, '');
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidSlug(slug: string): boolean {
  return slug.length <= 255 && SLUG_PATTERN.test(slug) && !slug.includes('..');
}
