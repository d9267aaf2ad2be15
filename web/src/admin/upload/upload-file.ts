/** What the Upload tab accepts, and the title it suggests from a file name. */

export const ALLOWED_EXTENSIONS = ['.mp4', '.mkv', '.webm', '.mov', '.avi'] as const;
export const ACCEPT = 'video/*,.mp4,.mkv,.webm,.mov,.avi';

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

/** The message for a file whose extension the server refuses, or null (no extension is left to the server). */
export function fileTypeError(name: string): string | null {
  const ext = extensionOf(name);
  if (!ext || (ALLOWED_EXTENSIONS as readonly string[]).includes(ext)) return null;
  return `Unsupported file type “${ext}”. Allowed: ${ALLOWED_EXTENSIONS.join(', ')}`;
}
