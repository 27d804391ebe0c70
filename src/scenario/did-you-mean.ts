/**
 * "Did you mean …" suggestions for misspelt names (instance types, env var names, fields).
 *
 * Every cost is bounded, since the word comes from a link: only words and candidates of at
 * most MAX_SUGGEST_LENGTH characters are compared, only candidates whose length is within the
 * allowed distance, at most MAX_SUGGEST_CANDIDATES of them, with a distance that works in a
 * band of width 2·max+1 and stops as soon as a row exceeds the bound. A parse makes one
 * `Suggester`, which stops suggesting after a number of calls (the reader sees the first
 * few problems; suggestions for problem 5,000 would only cost time).
 */
import { said, type Said } from '../sim/said-template.ts';
import { quoteForMessage } from './quote.ts';

/** Words or candidates longer than this get no suggestions (no name in the format is longer). */
export const MAX_SUGGEST_LENGTH = 64;
/** At most this many candidates are compared per word. */
export const MAX_SUGGEST_CANDIDATES = 2_000;
/** At most this many words get suggestions in one parse. */
export const MAX_SUGGESTIONS_PER_PARSE = 25;

/**
 * Edit distance counting insertions, deletions, substitutions and adjacent swaps (optimal
 * string alignment). With `max`, anything above it comes back as `max + 1`: only cells in
 * the band |i − j| ≤ max are computed, and it returns as soon as a whole row is above `max`.
 * Callers keep both words short (MAX_SUGGEST_LENGTH), so a row costs at most 65 cells.
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const over = max + 1;
  const cols = b.length + 1;
  // Three rolling rows: the swap needs the row before the previous one.
  let before = Array.from({ length: cols }, () => over);
  let prev = Array.from({ length: cols }, (_v, j) => (j <= max ? j : over));
  let row = Array.from({ length: cols }, () => over);
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    row.fill(over);
    row[0] = i <= max ? i : over;
    let best = row[0];
    for (let j = lo; j <= hi; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row[j] = Math.min(d, over);
      if (row[j] < best) best = row[j];
    }
    if (best > max) return over;
    [before, prev, row] = [prev, row, before];
  }
  return Math.min(prev[b.length], over);
}

/** Up to `limit` candidates closest to `word` (case-insensitive), within `maxDistance` edits. */
export function closest(word: string, candidates: Iterable<string>, maxDistance = 2, limit = 3): string[] {
  if (word.length === 0 || word.length > MAX_SUGGEST_LENGTH) return [];
  const lower = word.toLowerCase();
  const scored: { name: string; distance: number }[] = [];
  let compared = 0;
  for (const name of candidates) {
    if (compared++ >= MAX_SUGGEST_CANDIDATES) break;
    if (name.length > MAX_SUGGEST_LENGTH || Math.abs(name.length - word.length) > maxDistance) continue;
    const distance = editDistance(lower, name.toLowerCase(), maxDistance);
    if (distance <= maxDistance) scored.push({ name, distance });
  }
  const ranked = scored.toSorted((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return ranked.slice(0, limit).map((s) => s.name);
}

/** `a`, `a or b`, `a, b or c`: quoted names as a list for a message. */
export function nameList(names: readonly string[]): Said | string {
  const quoted = names.map((s) => quoteForMessage(s));
  if (quoted.length === 1) return quoted[0];
  return said`${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** " (did you mean a or b?)", or "" when there is nothing close (the template's placeholder is then empty). */
export function didYouMean(suggestions: readonly string[]): Said | '' {
  if (suggestions.length === 0) return '';
  return said` (did you mean ${nameList(suggestions)}?)`;
}

/** Suggestions with a per-parse budget: after `budget` calls every answer is empty. */
export interface Suggester {
  /** closest() while the budget lasts, else []. */
  closest(word: string, candidates: Iterable<string>, maxDistance?: number, limit?: number): string[];
  /** Any suggestion function (instance types, say) while the budget lasts, else []. */
  spend(find: () => string[]): string[];
}

export function createSuggester(budget = MAX_SUGGESTIONS_PER_PARSE): Suggester {
  let left = budget;
  const spend = (find: () => string[]): string[] => (left-- > 0 ? find() : []);
  return {
    closest: (word, candidates, maxDistance, limit) => spend(() => closest(word, candidates, maxDistance, limit)),
    spend,
  };
}
