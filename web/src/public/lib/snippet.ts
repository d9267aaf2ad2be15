/**
 * A search result's `search_snippet`: HTML-escaped text in which `<mark>…</mark>` wraps the matched words.
 * Built as DOM by splitting on the two tags and decoding the escapes — never innerHTML of server text, so
 * anything else that looks like markup stays text.
 */
import { h } from '../../shared/dom.js';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The snippet as text runs, each marked or not (pure, unit-tested). */
export function snippetRuns(snippet: string): Array<{ text: string; marked: boolean }> {
  const runs: Array<{ text: string; marked: boolean }> = [];
  let marked = false;
  for (const part of snippet.split(/(<\/?mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) runs.push({ text: decodeEntities(part), marked });
  }
  return runs;
}

/** `<span>` (a title) or `<p class="card-snippet">` (a description) with `<mark>` for the highlighted runs. */
export function snippetElement(snippet: string, tag: 'span' | 'p' = 'p'): HTMLElement {
  return h(
    tag,
    tag === 'p' ? { class: 'card-snippet' } : null,
    ...snippetRuns(snippet).map((run) => (run.marked ? h('mark', null, run.text) : run.text)),
  );
}
