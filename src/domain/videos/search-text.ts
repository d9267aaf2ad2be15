/** The words of a search query (search-snippet.ts marks them in results). Pure. */

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
