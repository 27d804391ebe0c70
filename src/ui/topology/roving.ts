/**
 * Keyboard paths through the cluster picture, as the WAI-ARIA tree pattern: the picture is
 * one tab stop (roving tabindex: only the item last moved to has tabindex 0). On a node,
 * ArrowUp/ArrowDown go to the previous/next node and ArrowRight into its ENIs and pods; on an
 * ENI or pod, ArrowUp/ArrowDown move among them and ArrowLeft goes back to the node;
 * Home/End go to the first/last at that level; Enter or Space selects (the inspector opens).
 *
 * Nodes are walked in the snapshot's order, not the DOM's: a large cluster draws cards only
 * where the camera looks, so the next node may have no card yet. Then the camera goes to it
 * and focus follows once its card is drawn (`drawn`).
 */

/** What the roving focus needs from the picture. */
export interface RovingHost {
  /** Node names in keyboard order. */
  order(): readonly string[];
  /** Moves the camera onto a node (its card is drawn in a later frame if it was culled). */
  reveal(name: string): void;
}

export interface Roving {
  /** After a draw: one item is the tab stop; a focus waiting for a culled card lands. */
  drawn(): void;
  destroy(): void;
}

const NODE = 'g.node';
/** A node's items: its ENI rows (not those leaving) and its pod chips. */
const CHILD = 'g.eni:not(.leaving), g.pods rect.pod';

const cssName = (s: string) => s.replace(/["\\]/g, '\\$&');

/** `:focus-visible` where the browser knows it (true where it cannot tell). */
function focusVisible(el: Element): boolean {
  try { return el.matches(':focus-visible'); } catch { return true; }
}

export function createRoving(svg: SVGSVGElement, host: RovingHost): Roving {
  let current: Element | null = null;
  let pendingNode: string | undefined;

  const nodeEl = (name: string) => svg.querySelector<SVGGElement>(`${NODE}[data-name="${cssName(name)}"]`);

  /** Makes `el` the picture's one tab stop and focuses it. */
  function moveTo(el: Element | null): void {
    if (!el) return;
    if (current && current !== el) current.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    current = el;
    (el as SVGElement).focus({ preventScroll: true });
    // An item outside the picture's box: bring its node on screen.
    const r = el.getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    const name = (el.closest(NODE) as SVGGElement | null)?.dataset.name;
    if (name && (r.right < s.left || r.left > s.right || r.bottom < s.top || r.top > s.bottom)) host.reveal(name);
  }

  function toNode(name: string | undefined): void {
    if (name === undefined) return;
    const el = nodeEl(name);
    if (el) { pendingNode = undefined; moveTo(el); return; }
    pendingNode = name;
    host.reveal(name);
  }

  const onKey = (ev: KeyboardEvent) => {
    const target = ev.target as Element;
    const node = target.closest(NODE) as SVGGElement | null;
    if (!node || !node.classList.contains('node')) return;
    const onNode = target === node;
    const key = ev.key;
    if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key)) return;
    // Only after the keyboard brought focus here: a node focused by a click leaves the arrows to
    // the presenter stage (a clicker sends arrows while the trainer's last click was on a node).
    if (!focusVisible(target)) return;
    ev.preventDefault();
    // d3-zoom and the page must not also take the key.
    ev.stopPropagation();
    if (onNode) {
      const order = host.order();
      const i = order.indexOf(node.dataset.name ?? '');
      if (key === 'ArrowDown') toNode(order[Math.min(order.length - 1, i + 1)]);
      else if (key === 'ArrowUp') toNode(order[Math.max(0, i - 1)]);
      else if (key === 'Home') toNode(order[0]);
      else if (key === 'End') toNode(order.at(-1));
      else if (key === 'ArrowRight') {
        const first = node.querySelector(CHILD);
        // Zoomed out, a card draws no ENI rows or pods: zoom onto the node first.
        if (first) moveTo(first); else host.reveal(node.dataset.name ?? '');
      }
      return;
    }
    const items = [...node.querySelectorAll(CHILD)];
    const i = items.indexOf(target);
    if (key === 'ArrowLeft') moveTo(node);
    else if (key === 'ArrowDown') moveTo(items[Math.min(items.length - 1, i + 1)] ?? null);
    else if (key === 'ArrowUp') moveTo(items[Math.max(0, i - 1)] ?? null);
    else if (key === 'Home') moveTo(items[0] ?? null);
    else if (key === 'End') moveTo(items.at(-1) ?? null);
  };
  // Focus by a click or by a test's focus(): that item becomes the tab stop.
  const onFocus = (ev: FocusEvent) => {
    const el = ev.target as Element;
    if (el === current || !(el.matches(NODE) || el.matches(CHILD))) return;
    current?.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    current = el;
  };
  svg.addEventListener('keydown', onKey);
  svg.addEventListener('focusin', onFocus);

  return {
    drawn() {
      if (pendingNode !== undefined) {
        const el = nodeEl(pendingNode);
        if (el) { pendingNode = undefined; moveTo(el); }
      }
      if (current?.isConnected && current.closest(`${NODE}.node`)) return;
      // The tab stop left with its card (culled, or the node is gone): the first node takes it.
      const first = svg.querySelector(`${NODE}.node`);
      current = null;
      if (first) { first.setAttribute('tabindex', '0'); current = first; }
    },
    destroy() {
      svg.removeEventListener('keydown', onKey);
      svg.removeEventListener('focusin', onFocus);
    },
  };
}
