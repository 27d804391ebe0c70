/**
 * The share link's view state (`v.<key>=<value>` in the fragment): theme, selection,
 * presenter text size and camera. Encoding and decoding are pure; decoding is tolerant:
 * a value it cannot read is dropped (the link still opens), never an error.
 *
 *   v.theme=dark  v.sel=pod:default/web-1  v.node=n1  v.text=large  v.cam=412.5,230,1.25
 *
 * The camera is the world point at the centre of the picture and the zoom factor, not
 * d3's raw translate: the same link then frames the same spot on a screen of another size.
 */
import type { Selection, Theme } from '../store/slices.ts';

/** World coordinates of the picture's centre and the zoom factor k. */
export interface Camera { cx: number; cy: number; k: number }

export interface ViewState {
  theme?: Theme;
  selection?: Selection;
  presenter?: boolean;
  /** Absent: the picture fits itself to the VPC (the default). */
  camera?: Camera;
}

/** d3-zoom's scale extent in the topology; a camera outside it is not restored. */
export const CAMERA_K_MIN = 0.08;
export const CAMERA_K_MAX = 6;
/** World coordinates beyond this are not a real layout (guards against tampered links). */
const CAMERA_XY_MAX = 1_000_000;

const round = (v: number, digits: number) => Number(v.toFixed(digits));

export function encodeCamera(c: Camera): string {
  return `${round(c.cx, 1)},${round(c.cy, 1)},${round(c.k, 4)}`;
}

export function decodeCamera(text: string | undefined): Camera | undefined {
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(text ?? '');
  if (!m) return undefined;
  const [cx, cy, k] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (Math.abs(cx) > CAMERA_XY_MAX || Math.abs(cy) > CAMERA_XY_MAX) return undefined;
  if (!(k >= CAMERA_K_MIN && k <= CAMERA_K_MAX)) return undefined;
  return { cx, cy, k };
}

export function encodeViewState(s: ViewState): Record<string, string> {
  const view: Record<string, string> = {};
  if (s.theme) view.theme = s.theme;
  if (s.selection) {
    view.sel = `${s.selection.kind}:${s.selection.id}`;
    if (s.selection.node) view.node = s.selection.node;
  }
  if (s.presenter) view.text = 'large';
  if (s.camera) view.cam = encodeCamera(s.camera);
  return view;
}

export function decodeViewState(view: Readonly<Record<string, string>>): ViewState {
  const out: ViewState = {};
  if (view.theme === 'dark' || view.theme === 'light') out.theme = view.theme;
  const selection = parseSelection(view.sel, view.node);
  if (selection) out.selection = selection;
  if (view.text === 'large') out.presenter = true;
  const camera = decodeCamera(view.cam);
  if (camera) out.camera = camera;
  return out;
}

/** `node:<name>` / `eni:<id>` / `pod:<ns>/<name>` as written by the share button. */
export function parseSelection(sel: string | undefined, node: string | undefined): Selection | undefined {
  const m = /^(node|eni|pod):(.+)$/.exec(sel ?? '');
  if (!m) return undefined;
  const kind = m[1] as Selection['kind'];
  return { kind, id: m[2], node: node ?? (kind === 'node' ? m[2] : undefined) };
}
