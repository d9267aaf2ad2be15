import { escapeMarkup } from '../shared/markup.js';

/**
 * A search result's snippets (api-public.md §4.2 `search_snippet`): the title and an excerpt of the
 * description as HTML, every matched word in `<mark>`. Pure, computed from the page's own rows: PostgreSQL's
 * ts_headline did it before, twice per row, at 0.9 of the 4.3 ms a search page cost it.
 *
 * A word matches as in the search itself: it starts with one of the query's lexemes (each term of the
 * query is a prefix, stemmed or as written, see vlog_search_query). Words are runs of letters and digits,
 * as PostgreSQL's parser splits them, compared in lower case.
 */

/** Longest excerpt, in words, and how many fragments it may join (as ts_headline's MaxWords, MaxFragments). */
const MAX_WORDS = 30;
const MAX_FRAGMENTS = 2;
/** Words shown from the start of a description that no word matched (ts_headline's MinWords). */
const MIN_WORDS = 12;
const FRAGMENT_DELIMITER = ' … ';

const WORD = /[\p{L}\p{N}]+/gu;

/** The lexemes of a query's text ("'kubernet':* | 'kubernetes':*" → kubernet, kubernetes). */
export function queryPrefixes(tsquery: string | null): string[] {
  if (!tsquery) return [];
  return [...tsquery.matchAll(/'((?:[^']|'')+)'/g)].map((m) => m[1]!.replaceAll("''", "'"));
}

interface Word {
  start: number;
  end: number;
  hit: boolean;
}

function wordsOf(text: string, prefixes: string[]): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    words.push({
      start: m.index,
      end: m.index + m[0].length,
      hit: prefixes.some((p) => lower.startsWith(p)),
    });
  }
  return words;
}

/** The text from word `from` to word `to` (inclusive), escaped, its matched words marked. */
function marked(text: string, words: Word[], from: number, to: number): string {
  let html = '';
  let at = words[from]!.start;
  for (let i = from; i <= to; i++) {
    const w = words[i]!;
    const word = escapeMarkup(text.slice(w.start, w.end));
    html += escapeMarkup(text.slice(at, w.start)) + (w.hit ? `<mark>${word}</mark>` : word);
    at = w.end;
  }
  return html;
}

/** The whole title, its matched words marked. */
export function titleSnippet(title: string, prefixes: string[]): string {
  const words = wordsOf(title, prefixes);
  if (words.length === 0) return escapeMarkup(title);
  const last = words.at(-1)!;
  return (
    escapeMarkup(title.slice(0, words[0]!.start)) +
    marked(title, words, 0, words.length - 1) +
    escapeMarkup(title.slice(last.end))
  );
}

/**
 * Up to two fragments of the description, each of at most 30 words around a matched word, joined by " … ";
 * a description of 30 words or fewer shows whole (word to word). Without a matched word, its first 12.
 */
export function descriptionSnippet(description: string, prefixes: string[]): string {
  const words = wordsOf(description, prefixes);
  if (words.length === 0) return '';
  const fragments: Array<[number, number]> = [];
  for (let i = 0; i < words.length && fragments.length < MAX_FRAGMENTS; i++) {
    const covered = fragments.at(-1)?.[1] ?? -1;
    if (!words[i]!.hit || i <= covered) continue;
    // Centred on the word, inside the text, after the previous fragment.
    const end = Math.min(words.length - 1, Math.max(i + Math.floor(MAX_WORDS / 2), MAX_WORDS - 1));
    const start = Math.max(covered + 1, end - MAX_WORDS + 1);
    // Right after the previous fragment: one run of text, no delimiter between.
    if (start === covered + 1 && fragments.length > 0) fragments.at(-1)![1] = end;
    else fragments.push([start, end]);
  }
  if (fragments.length === 0) return marked(description, words, 0, Math.min(words.length, MIN_WORDS) - 1);
  return fragments.map(([from, to]) => marked(description, words, from, to)).join(FRAGMENT_DELIMITER);
}
