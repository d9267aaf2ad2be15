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

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidSlug(slug: string): boolean {
  return slug.length <= 255 && SLUG_PATTERN.test(slug) && !slug.includes('..');
}
