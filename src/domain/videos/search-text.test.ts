import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_START as S, HIGHLIGHT_STOP as E, highlightToHtml, searchWords } from './search-text.js';

describe('searchWords', () => {
  it('keeps letters and digits only, lower-cased, unique, at most 8', () => {
    expect(searchWords("Kubernetes' & !upgrade:* \\ 2024")).toEqual(['kubernetes', 'upgrade', '2024']);
    expect(searchWords('Çà va déjà vu')).toEqual(['çà', 'va', 'déjà', 'vu']);
    expect(searchWords('a a b')).toEqual(['a', 'b']);
    expect(searchWords('1 2 3 4 5 6 7 8 9 10')).toHaveLength(8);
    expect(searchWords("'; --")).toEqual([]);
  });
});

describe('highlightToHtml', () => {
  it('escapes the text and turns only the markers into <mark>', () => {
    expect(highlightToHtml(`<img src=x onerror="a('b')"> ${S}cat${E} & dog`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; <mark>cat</mark> &amp; dog',
    );
  });
});
