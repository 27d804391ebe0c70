/**
 * What the app knows synchronously from the URL fragment before the store exists: only
 * whether a link is to be opened, and its theme (read from the plain `&v.theme=` parameter,
 * so a dark link does not flash light). Decoding and validating the scenario itself happens
 * in the worker (open-link.ts); until its outcome is known the store says `openingLink`
 * and nothing writes the URL (toolchain pitfall 3).
 */
import type { InitialState } from '../store/app-store.ts';
import type { Theme } from '../store/slices.ts';
import { peekTheme } from './view-state.ts';

/** True when the fragment holds something to open (anything but "" or "#"). */
export function hasLink(hash: string): boolean {
  return hash !== '' && hash !== '#';
}

export function initialStateFromLocation(hash: string, prefersDark = false): InitialState {
  const theme: Theme = (hasLink(hash) ? peekTheme(hash) : undefined) ?? (prefersDark ? 'dark' : 'light');
  return { theme, openingLink: hasLink(hash) };
}
