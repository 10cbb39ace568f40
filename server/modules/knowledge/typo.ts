// Typo repair picks, among trigram neighbours from the database, the word within a small number of
// edits. Trigram similarity alone ranks a swapped pair of letters (стаутс/статус: 0.27) below
// unrelated words, so the final choice uses the optimal-string-alignment distance (Levenshtein
// plus adjacent transpositions), a dozen lines, written here rather than pulled in as a package.
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Edits allowed for a word of this length: 1 up to 5 letters, 2 beyond. */
export const allowedEdits = (word: string) => (word.length <= 5 ? 1 : 2);

export function closestByEdits(word: string, candidates: Array<{ term: string; df: number; sim: number }>): string | null {
  let best: { term: string; dist: number; df: number; sim: number } | null = null;
  for (const c of candidates) {
    const dist = editDistance(word, c.term);
    if (dist === 0 || dist > allowedEdits(word)) continue;
    if (!best || dist < best.dist || (dist === best.dist && (c.sim > best.sim || (c.sim === best.sim && c.df > best.df)))) best = { ...c, dist };
  }
  return best?.term ?? null;
}
