import { describe, expect, it } from 'vitest';
import { searchWords } from './search-text.js';

describe('searchWords', () => {
  it('keeps letters and digits only, lower-cased, unique, at most 8', () => {
    expect(searchWords("Kubernetes' & !upgrade:* \\ 2024")).toEqual(['kubernetes', 'upgrade', '2024']);
    expect(searchWords('Çà va déjà vu')).toEqual(['çà', 'va', 'déjà', 'vu']);
    expect(searchWords('a a b')).toEqual(['a', 'b']);
    expect(searchWords('1 2 3 4 5 6 7 8 9 10')).toHaveLength(8);
    expect(searchWords("'; --")).toEqual([]);
  });
});
