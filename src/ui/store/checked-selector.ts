/**
 * Catches the selector bug behind React error #185 ("Maximum update depth exceeded"): a
 * zustand selector that builds a new array or object on every call (`s.x ?? []`,
 * `{ node, eni }`, `.filter(...)`). useSyncExternalStore compares snapshots by identity, sees
 * a "change" on every read and re-renders until React gives up and the page blanks.
 *
 * In development, in the component tests and in the e2e build (`VITE_CHECK_SELECTORS=1`)
 * every selector runs twice on the same state; two results that are not the same value
 * (Object.is) throw an error that names the selector, so the bug shows where it was written
 * instead of as a blank page. Production builds skip the second call: selectors over 25,000
 * pods are not free.
 */

/** On in dev and tests (Vite's DEV), and in a build made with VITE_CHECK_SELECTORS=1. */
export const CHECK_SELECTORS: boolean = import.meta.env.DEV || import.meta.env.VITE_CHECK_SELECTORS === '1';

/** Thrown (during render) by a selector whose result is new on every call. */
export class UnstableSelectorError extends Error {
  override name = 'UnstableSelectorError';
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return `a new array (length ${v.length})`;
  if (typeof v === 'function') return 'a new function';
  if (v !== null && typeof v === 'object') return 'a new object';
  return `a different value (${String(v)})`;
}

/** Same data by value: only used to word the error, so a rough, bounded comparison is enough. */
function sameByValue(a: unknown, b: unknown): boolean {
  try {
    const ja = JSON.stringify(a);
    return ja !== undefined && ja.length < 200_000 && ja === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * `selector`, wrapped so that it throws when two calls on the same state disagree by identity.
 * `hook` names the hook in the message (useApp, usePacketWalk).
 */
export function checkedSelector<S, T>(selector: (s: S) => T, hook: string): (s: S) => T {
  return (state: S) => {
    const first = selector(state);
    const second = selector(state);
    if (!Object.is(first, second)) {
      const source = selector.toString().replace(/\s+/g, ' ').slice(0, 160);
      const why = sameByValue(first, second) ? 'the same data in a new wrapper' : 'different data for the same state';
      throw new UnstableSelectorError(
        `${hook}(${source}) returns ${describeValue(first)} on every call (${why}). A selector must return ` +
        'objects already in the store, a primitive or a module-level constant, or use useShallow; ' +
        'otherwise React re-renders it forever (error #185).',
      );
    }
    return first;
  };
}
