/** Name search for the UI's instance-type picker and "did you mean" hints in the CLI. */
import { allInstanceTypes } from './lookup.ts';

/**
 * Names matching `query` (case-insensitive, surrounding spaces ignored): names that start
 * with it first, then names that merely contain it, each group in catalogue order. An empty
 * query lists the first `limit` types.
 */
export function searchInstanceTypes(query: string, limit = 20): string[] {
  const q = query.trim().toLowerCase();
  const prefix: string[] = [];
  const inner: string[] = [];
  for (const { name } of allInstanceTypes()) {
    if (name.startsWith(q)) prefix.push(name);
    else if (name.includes(q)) inner.push(name);
    if (prefix.length >= limit) break;
  }
  return prefix.concat(inner).slice(0, Math.max(0, limit));
}

/**
 * The known names closest to a misspelt one (edit distance, at most a third of its length),
 * nearest first, for "did you mean" messages.
 */
export function closestInstanceTypes(name: string, limit = 3): string[] {
  const q = name.trim().toLowerCase();
  const maxDistance = Math.max(1, Math.floor(q.length / 3));
  return allInstanceTypes()
    .map((t) => ({ name: t.name, d: editDistance(q, t.name, maxDistance) }))
    .filter((c) => c.d <= maxDistance)
    .toSorted((a, b) => a.d - b.d)
    .slice(0, limit)
    .map((c) => c.name);
}

/** Levenshtein distance, giving up (returning cap + 1) once every path exceeds `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > cap) return cap + 1;
    prev = row;
  }
  return prev[b.length];
}
