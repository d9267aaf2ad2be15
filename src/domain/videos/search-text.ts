import { escapeMarkup } from '../shared/markup.js';

/** The text side of search: the words of a query, and the highlighted snippets shown with results. Pure. */

const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 64;

/**
 * The words of a search (letters and digits only, lower-cased, at most 8), so nothing the user types can
 * reach the tsquery syntax (`'`, `&`, `!`, `:*`, `\` are separators). Empty when there is no word.
 */
export function searchWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, MAX_WORD_LENGTH)))].slice(0, MAX_WORDS);
}

/**
 * Where ts_headline marks a match: private-use characters, which the marked text cannot contain (they are
 * removed from it first), so every marker came from ts_headline and nothing else becomes markup.
 */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_STOP = '\uE001';

/** A ts_headline result as HTML: all text escaped, the markers turned into `<mark>` … `</mark>`. */
export function highlightToHtml(marked: string): string {
  return escapeMarkup(marked).replaceAll(HIGHLIGHT_START, '<mark>').replaceAll(HIGHLIGHT_STOP, '</mark>');
}
