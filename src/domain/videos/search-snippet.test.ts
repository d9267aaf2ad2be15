import { describe, expect, it } from 'vitest';
import { descriptionSnippet, queryPrefixes, titleSnippet } from './search-snippet.js';

describe('queryPrefixes', () => {
  it('reads the lexemes of a prefix query, quotes unescaped', () => {
    expect(queryPrefixes("'kubernet':* | 'kubernetes':*")).toEqual(['kubernet', 'kubernetes']);
    expect(queryPrefixes("( 'run':* | 'running':* ) & 'o''neil':*")).toEqual(['run', 'running', "o'neil"]);
    expect(queryPrefixes(null)).toEqual([]);
    expect(queryPrefixes('')).toEqual([]);
  });
});

describe('titleSnippet', () => {
  it('marks every word that starts with a lexeme, in any case, and keeps the rest as written', () => {
    expect(titleSnippet('Kubernetes cluster upgrade: a walkthrough!', ['kubernet', 'upgrad'])).toBe(
      '<mark>Kubernetes</mark> cluster <mark>upgrade</mark>: a walkthrough!',
    );
    expect(titleSnippet('Déjà vu — DÉJÀ', ['déjà'])).toBe('<mark>Déjà</mark> vu — <mark>DÉJÀ</mark>');
    expect(titleSnippet('No match here', ['zzz'])).toBe('No match here');
    expect(titleSnippet('', ['a'])).toBe('');
    expect(titleSnippet('!!!', ['a'])).toBe('!!!');
  });

  it('escapes everything but its own marks', () => {
    expect(titleSnippet('<script>alert(1)</script> Photography & "light"', ['photograph'])).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; <mark>Photography</mark> &amp; &quot;light&quot;',
    );
    expect(titleSnippet('<mark>cat</mark>', ['cat'])).toBe('&lt;mark&gt;<mark>cat</mark>&lt;/mark&gt;');
  });
});

const numbered = (n: number, at: Record<number, string> = {}) =>
  Array.from({ length: n }, (_, i) => at[i] ?? `w${i}`).join(' ');

describe('descriptionSnippet', () => {
  it('shows a short description whole, word to word', () => {
    expect(descriptionSnippet('Tips "quoted" on photography.', ['photograph'])).toBe(
      'Tips &quot;quoted&quot; on <mark>photography</mark>',
    );
  });

  it('shows 30 words around a match far into a long description', () => {
    const text = numbered(100, { 50: 'guitar' });
    const snippet = descriptionSnippet(text, ['guitar']);
    expect(snippet.split(' ')).toHaveLength(30);
    expect(snippet).toContain('w49 <mark>guitar</mark> w51');
    expect(snippet.startsWith('w36 ')).toBe(true);
  });

  it('joins at most two fragments with an ellipsis, and merges ones that touch', () => {
    const text = numbered(200, { 10: 'jazz', 100: 'jazz', 190: 'jazz' });
    const parts = descriptionSnippet(text, ['jazz']).split(' … ');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^w0 .*<mark>jazz<\/mark>.* w29$/);
    expect(parts[1]).toContain('w99 <mark>jazz</mark> w101');
    // A second match just after the first fragment continues it.
    const near = descriptionSnippet(numbered(80, { 5: 'jazz', 35: 'jazz' }), ['jazz']);
    expect(near).not.toContain('…');
    expect(near.split(' ')).toHaveLength(51);
  });

  it('shows the first 12 words when no word matches, and nothing for an empty description', () => {
    expect(descriptionSnippet(numbered(40), ['zzz'])).toBe(numbered(12));
    expect(descriptionSnippet('', ['a'])).toBe('');
  });
});
