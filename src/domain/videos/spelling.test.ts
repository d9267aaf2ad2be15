import { describe, expect, it } from 'vitest';
import { correctWords, editDistance } from './spelling.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('guitar', 'guitar')).toBe(0);
    expect(editDistance('gutiar', 'guitar')).toBe(1); // swap
    expect(editDistance('marathn', 'marathon')).toBe(1); // insertion
    expect(editDistance('guittar', 'guitar')).toBe(1); // deletion
    expect(editDistance('guitor', 'guitar')).toBe(1); // substitution
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('correctWords', () => {
  const c = (input: string, word: string, similarity = 0.5) => ({ input, word, similarity });

  it('replaces a misspelt word by the nearest known word within the allowed edits', () => {
    expect(correctWords(['gutiar'], [c('gutiar', 'guitars', 0.3), c('gutiar', 'guitar', 0.27)])).toEqual([
      'guitar',
    ]);
  });

  it('keeps known words and prefixes of known words, and reports no change as null', () => {
    expect(correctWords(['guitar', 'runn'], [c('guitar', 'guitar', 1), c('runn', 'running')])).toBeNull();
    expect(correctWords(['jaz'], [c('jaz', 'jam', 0.4), c('jaz', 'jazz', 0.4)])).toBeNull();
    const candidates = [c('runn', 'running'), c('jzaz', 'jam', 0.2), c('jzaz', 'jazz', 0.1)];
    expect(correctWords(['runn', 'jzaz'], candidates)).toEqual(['runn', 'jazz']);
  });

  it('gives up (null) when a word has nothing close: every word stays required', () => {
    expect(correctWords(['gutiar', 'qqqq'], [c('gutiar', 'guitar'), c('qqqq', 'quantum', 0.1)])).toBeNull();
    expect(correctWords(['qqqq'], [c('qqqq', 'quantum', 0.1)])).toBeNull();
    expect(correctWords(['gutiar'], [])).toBeNull();
  });
});
