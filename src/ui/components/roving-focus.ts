/**
 * Roving tabindex over a list of buttons (WAI-ARIA "composite widget" keyboard pattern): the
 * list is one tab stop; ↑/↓ move between rows, ←/→ between a row's buttons, Home/End to the
 * ends. The DOM holds the state (tabindex), so memoised rows need not re-render for it.
 */

/** Rows are the list's direct `li` children; items are the buttons inside each. */
function rows(list: HTMLElement): HTMLElement[][] {
  return [...list.children].map((li) => [...li.querySelectorAll<HTMLElement>('button')]).filter((r) => r.length > 0);
}

/** Gives tabindex 0 to the focused item (else the one that had it, else the first), -1 to the rest. */
export function syncRoving(list: HTMLElement): void {
  const items = rows(list).flat();
  if (items.length === 0) return;
  const current = items.find((b) => b === document.activeElement) ?? items.find((b) => b.tabIndex === 0) ?? items[0];
  for (const b of items) b.tabIndex = b === current ? 0 : -1;
}

/** Handles a key on the list; true when it moved focus (the caller prevents the default). */
export function roveKey(list: HTMLElement, key: string): boolean {
  const grid = rows(list);
  const r = grid.findIndex((row) => row.includes(document.activeElement as HTMLElement));
  if (r < 0) return false;
  const c = grid[r].indexOf(document.activeElement as HTMLElement);
  let next: HTMLElement | undefined;
  if (key === 'ArrowDown') next = grid[Math.min(grid.length - 1, r + 1)]?.[0];
  else if (key === 'ArrowUp') next = grid[Math.max(0, r - 1)]?.[0];
  else if (key === 'ArrowRight') next = grid[r][Math.min(grid[r].length - 1, c + 1)];
  else if (key === 'ArrowLeft') next = grid[r][Math.max(0, c - 1)];
  else if (key === 'Home') next = grid[0][0];
  else if (key === 'End') next = grid.at(-1)?.[0];
  if (!next) return false;
  for (const b of grid.flat()) b.tabIndex = b === next ? 0 : -1;
  next.focus();
  return true;
}
