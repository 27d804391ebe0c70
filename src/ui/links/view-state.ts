/**
 * The share link's view state (`v.<key>=<value>` in the fragment): theme, language, selection,
 * presenter text size and camera. Encoding and decoding are pure; decoding is tolerant:
 * a value it cannot read is dropped (the link still opens), never an error.
 *
 *   v.theme=dark  v.lang=zh-TW  v.sel=pod:default/web-1  v.node=n1  v.text=large  v.cam=412.5,230,1.25
 *   v.pw=default/web-1|external|tcp|443|7   (packet walk: from|to|proto|port|hop, hop 1-based)
 *   v.term=ip%20rule  v.tab=env  v.filter=ec2  v.speed=4  v.ev=212  v.step=3   (format v2: terminal view,
 *   left tab, timeline filter, playback speed, highlighted event, lesson step, 1-based)
 *   v.pwv=map   (the walk shown on the cluster picture; absent: inside the node, the datapath picture)
 *
 * The camera is the world point at the centre of the picture and the zoom factor, not
 * d3's raw translate: the same link then frames the same spot on a screen of another size.
 */
import { isLocale, type Locale } from '../i18n/locales.ts';
import { TIMELINE_FILTERS, type TimelineFilter } from '../store/lesson-slice.ts';
import type { ControlTab, Selection, Theme } from '../store/slices.ts';

/** World coordinates of the picture's centre and the zoom factor k. */
export interface Camera { cx: number; cy: number; k: number }

export interface ViewState {
  theme?: Theme;
  /** The UI's language; a link's wins over the reader's stored choice (links made before it have none). */
  lang?: Locale;
  selection?: Selection;
  presenter?: boolean;
  /** Absent: the picture fits itself to the VPC (the default). */
  camera?: Camera;
  /** The packet walk on screen and the hop shown. */
  walk?: WalkLink;
  /** The inspector's terminal view (a text-view kind such as `ip rule`). */
  terminal?: string;
  /** The left panel's tab. */
  tab?: ControlTab;
  timelineFilter?: TimelineFilter;
  /** Playback speed (one of the offered speeds; checked by the playback machine). */
  speed?: number;
  /** The highlighted event's sequence number. */
  event?: number;
  /** The lesson step on screen, 0-based (1-based in the link, as on screen). */
  step?: number;
}

const CONTROL_TABS: readonly ControlTab[] = ['nodes', 'env', 'workloads'];
/** Terminal views are text-view kinds: short, printable, no control characters. */
const TERMINAL_RE = /^[a-z][a-z0-9 .-]{0,62}$/;

/** A packet walk in a link: the request and the shown hop, 1-based as on screen ("Hop 7 / 31"). */
export interface WalkLink {
  from: string;
  to: string;
  proto: 'icmp' | 'tcp' | 'udp';
  /** Digits, or '' (icmp, or no port). */
  port: string;
  hop: number;
  /** Where the walk is shown: on the cluster picture, or inside the node (the default). */
  view?: WalkView;
}

export type WalkView = 'map' | 'node';

/** d3-zoom's scale extent in the topology; a camera outside it is not restored. */
export const CAMERA_K_MIN = 0.02;
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

/** A hop number beyond this is not a real walk. */
const WALK_HOP_MAX = 10_000;

export function encodeWalk(w: WalkLink): string {
  return [w.from, w.to, w.proto, w.port, String(w.hop)].join('|');
}

/** `from|to|proto|port|hop`; anything else (wrong field count, bad protocol/port/hop) is undefined. */
export function decodeWalk(text: string | undefined): WalkLink | undefined {
  const parts = (text ?? '').split('|');
  if (parts.length !== 5) return undefined;
  const [from, to, proto, port, hop] = parts;
  if (!from || !to || from.length > 253 || to.length > 253) return undefined;
  if (proto !== 'icmp' && proto !== 'tcp' && proto !== 'udp') return undefined;
  if (!/^\d{0,5}$/.test(port) || (port !== '' && Number(port) > 65535)) return undefined;
  if (!/^[1-9]\d{0,4}$/.test(hop) || Number(hop) > WALK_HOP_MAX) return undefined;
  return { from, to, proto, port: proto === 'icmp' ? '' : port, hop: Number(hop) };
}

export function encodeViewState(s: ViewState): Record<string, string> {
  const view: Record<string, string> = {};
  if (s.theme) view.theme = s.theme;
  if (s.lang) view.lang = s.lang;
  if (s.selection) {
    view.sel = `${s.selection.kind}:${s.selection.id}`;
    if (s.selection.node) view.node = s.selection.node;
  }
  if (s.presenter) view.text = 'large';
  if (s.camera) view.cam = encodeCamera(s.camera);
  if (s.walk) view.pw = encodeWalk(s.walk);
  if (s.terminal) view.term = s.terminal;
  if (s.tab) view.tab = s.tab;
  if (s.timelineFilter && s.timelineFilter !== 'all') view.filter = s.timelineFilter;
  if (s.speed !== undefined && s.speed !== 1) view.speed = String(s.speed);
  if (s.event !== undefined) view.ev = String(s.event);
  if (s.step !== undefined) view.step = String(s.step + 1);
  if (s.walk?.view === 'map') view.pwv = 'map';
  return view;
}

export function decodeViewState(view: Readonly<Record<string, string>>): ViewState {
  const out: ViewState = {};
  if (view.theme === 'dark' || view.theme === 'light') out.theme = view.theme;
  if (isLocale(view.lang)) out.lang = view.lang;
  const selection = parseSelection(view.sel, view.node);
  if (selection) out.selection = selection;
  if (view.text === 'large') out.presenter = true;
  const camera = decodeCamera(view.cam);
  if (camera) out.camera = camera;
  const walk = decodeWalk(view.pw);
  if (walk) out.walk = view.pwv === 'map' ? { ...walk, view: 'map' } : walk;
  if (TERMINAL_RE.test(view.term ?? '')) out.terminal = view.term;
  if ((CONTROL_TABS as readonly string[]).includes(view.tab ?? '')) out.tab = view.tab as ControlTab;
  if ((TIMELINE_FILTERS as readonly string[]).includes(view.filter ?? '')) out.timelineFilter = view.filter as TimelineFilter;
  if (/^\d{1,2}(\.\d{1,2})?$/.test(view.speed ?? '')) out.speed = Number(view.speed);
  if (/^\d{1,9}$/.test(view.ev ?? '')) out.event = Number(view.ev);
  if (/^[1-9]\d{0,2}$/.test(view.step ?? '')) out.step = Number(view.step) - 1;
  return out;
}

/**
 * The theme a link asks for, read from its plain `&v.theme=dark|light` parameter without
 * decoding anything else (the page can take it before the worker has read the link).
 */
export function peekTheme(hash: string): Theme | undefined {
  const m = /&v\.theme=(dark|light)(?:&|$)/.exec(hash);
  return m ? (m[1] as Theme) : undefined;
}

/**
 * The language a link asks for, read from its plain `&v.lang=` parameter like the theme, so the
 * page speaks it from the first paint (before the worker has decoded the link).
 */
export function peekLocale(hash: string): Locale | undefined {
  const m = /&v\.lang=([A-Za-z-]{2,5})(?:&|$)/.exec(hash);
  return m && isLocale(m[1]) ? m[1] : undefined;
}

/** `node:<name>` / `eni:<id>` / `pod:<ns>/<name>` as written by the share button. */
export function parseSelection(sel: string | undefined, node: string | undefined): Selection | undefined {
  const m = /^(node|eni|pod):(.+)$/.exec(sel ?? '');
  if (!m) return undefined;
  const kind = m[1] as Selection['kind'];
  return { kind, id: m[2], node: node ?? (kind === 'node' ? m[2] : undefined) };
}
