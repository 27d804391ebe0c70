/**
 * Attribute and text writes that skip unchanged values. d3's attr()/text() always write,
 * and a rewritten SVG attribute or text node costs style, layout and paint even when the
 * value is the same; with every card redrawn on each tick, that was most of a frame.
 */

/** The part of a d3 selection these helpers need (any element and parent types). */
interface Each<D> { each(fn: (this: never, d: D, i: number) => void): unknown }

type Value<D> = string | number | null | ((d: D, i: number) => string | number | null);

/** Sets `name` on every element of `sel` whose current value differs; returns `sel`. */
export function attr<D, S extends Each<D>>(sel: S & Each<D>, name: string, value: Value<D>): S {
  sel.each(function (this: Element, d: D, i: number) {
    const v = typeof value === 'function' ? value(d, i) : value;
    const next = v === null ? null : String(v);
    const cur = this.getAttribute(name);
    if (next === null) { if (cur !== null) this.removeAttribute(name); }
    else if (cur !== next) this.setAttribute(name, next);
  } as (this: never, d: D, i: number) => void);
  return sel;
}

/** Sets the text of every element of `sel` whose text differs; returns `sel`. */
export function text<D, S extends Each<D>>(sel: S & Each<D>, value: string | ((d: D, i: number) => string)): S {
  sel.each(function (this: Element, d: D, i: number) {
    const v = typeof value === 'function' ? value(d, i) : value;
    if (this.textContent !== v) this.textContent = v;
  } as (this: never, d: D, i: number) => void);
  return sel;
}
