/**
 * "Did you mean …" suggestions for misspelt names (instance types, env var names).
 */

/** Edit distance counting insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_row, i) => Array.from({ length: cols }, (_col, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Up to `limit` candidates closest to `word` (case-insensitive), within `maxDistance` edits. */
export function closest(word: string, candidates: Iterable<string>, maxDistance = 2, limit = 3): string[] {
  const lower = word.toLowerCase();
  const scored: { name: string; distance: number }[] = [];
  for (const name of candidates) {
    // The distance is at least the length difference: skip without building the matrix
    // (a 3 MB key against every field name would otherwise take minutes and gigabytes).
    const candidate = name.toLowerCase();
    if (Math.abs(candidate.length - lower.length) > maxDistance) continue;
    const distance = editDistance(lower, candidate);
    if (distance <= maxDistance) scored.push({ name, distance });
  }
  const ranked = scored.toSorted((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return ranked.slice(0, limit).map((s) => s.name);
}

/** " (did you mean a or b?)" or "" when there is nothing close. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `"${s}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` (did you mean ${list}?)`;
}
