const MAX_NAME_BYTES = 200;

/** Cuts `s` to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(s: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > max) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/**
 * The Content-Disposition of an original download (api-public.md §4.6): the title kept to letters,
 * digits, space, `-` and `_`, spaces as `_`, at most 200 bytes, else the slug; `filename` is its ASCII
 * part (quotes impossible by construction), `filename*` the whole name percent-encoded.
 */
export function downloadDisposition(title: string, slug: string, ext: string): string {
  const kept = [...title]
    .filter((c) => /[\p{L}\p{N} _-]/u.test(c))
    .join('')
    .trim();
  const name = truncateBytes(kept.replace(/ /g, '_'), MAX_NAME_BYTES) || slug;
  const ascii = name.replace(/[^\x20-\x7e]/g, '') || slug;
  return `attachment; filename="${ascii}${ext}"; filename*=UTF-8''${encodeURIComponent(name + ext)}`;
}
