/**
 * Correcting the words of a search that found nothing: each word becomes the known word (search_words)
 * nearest to it by edit distance, among the trigram-nearest candidates the database proposes. Pure.
 */

/** Edits allowed for a word of this length: 1 up to 4 letters, 2 up to 8, then 3. */
export function allowedEdits(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

export interface Candidate {
  input: string;
  word: string;
  similarity: number;
}

/**
 * The corrected words: a word that is known, or the start of a known word (prefix search finds it), stays;
 * another becomes its closest candidate within the allowed edits (ties: the more similar by trigrams). Null
 * when nothing changed, or when a word has no such candidate: every word stays required, as in the search.
 */
export function correctWords(words: string[], candidates: Candidate[]): string[] | null {
  const corrected: string[] = [];
  for (const word of words) {
    const mine = candidates.filter((c) => c.input === word);
    if (mine.some((c) => c.word.startsWith(word))) {
      corrected.push(word);
      continue;
    }
    const best = mine
      .map((c) => ({ ...c, edits: editDistance(word, c.word) }))
      .filter((c) => c.edits <= allowedEdits(word.length))
      .sort((x, y) => x.edits - y.edits || y.similarity - x.similarity)[0];
    if (!best) return null;
    corrected.push(best.word);
  }
  return corrected.some((w, i) => w !== words[i]) ? corrected : null;
}
