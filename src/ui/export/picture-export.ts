/**
 * The current picture as a file: a self-contained SVG (every element's computed style
 * inlined, so it looks the same opened anywhere, with no stylesheet, font or script), and a
 * PNG drawn from that SVG on a canvas. What is exported is what is on screen: the cluster
 * picture at its camera, or the packet walk's datapath picture when the walk is open.
 */

/** Presentation properties that make the picture look as it does (everything else is layout). */
const PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing', 'text-anchor', 'dominant-baseline',
  'visibility', 'display', 'paint-order',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Serialises `svg` as shown, with computed styles inlined and the page's background behind it. */
export function svgMarkup(svg: SVGSVGElement, background: string): { markup: string; width: number; height: number } {
  const rect = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(rect.width));
  const height = Math.max(1, Math.round(rect.height));
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const out = dst[i] as SVGElement;
    const cs = getComputedStyle(el);
    const style = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    out.setAttribute('style', style);
    out.removeAttribute('class');
    out.removeAttribute('tabindex');
    // Nothing in the file should point anywhere: no links, no scripts, no event handlers.
    for (const a of Array.from(out.attributes)) if (a.name.startsWith('on') || a.name === 'href' || a.name === 'xlink:href') out.removeAttribute(a.name);
  });
  for (const s of clone.querySelectorAll('script, foreignObject')) s.remove();
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const vb = clone.getAttribute('viewBox')?.split(/[\s,]+/).map(Number) ?? [0, 0, width, height];
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('x', String(vb[0]));
  bg.setAttribute('y', String(vb[1]));
  bg.setAttribute('width', String(vb[2]));
  bg.setAttribute('height', String(vb[3]));
  bg.setAttribute('fill', background);
  clone.insertBefore(bg, clone.firstChild);
  const markup = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
  return { markup, width, height };
}

/** A PNG of the SVG markup at `scale` × its size (2: crisp on a projector or in slides). */
export async function pngBlob(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.addEventListener('load', () => resolve(), { once: true });
      img.addEventListener('error', () => reject(new Error('the browser could not draw the picture')), { once: true });
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas in this browser');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves `data` as a file named `name` (the browser's download). */
export function download(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The picture on screen now: the packet walk's datapath if it is open, else the cluster picture. */
export function currentPicture(): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>('[data-testid="pw-datapath"]') ?? document.querySelector<SVGSVGElement>('[data-testid="topology"]');
}

/** A file name safe on every OS, from a scenario name (hostile) and what the file is. */
export function fileName(scenario: string, what: string, ext: string): string {
  const base = scenario.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'scenario';
  return `vpc-cni-explorer-${base}-${what}.${ext}`;
}
