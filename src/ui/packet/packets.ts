/**
 * Several packets at once, for comparison: each has a slot that gives it a colour from a
 * colour-blind-safe palette (Okabe & Ito, "Color Universal Design"), a letter and a marker
 * shape, so colour is never the only cue. Pure helpers shared by the datapath picture, the
 * tabs and the map.
 */
import type { PacketWalk, WalkNamespace } from '../../worker/protocol.ts';
import type { Say } from '../i18n/text.ts';

type Walk = Extract<PacketWalk, { ok: true }>;

/** At most this many packets side by side: beyond it the picture stops being a comparison. */
export const MAX_PACKETS = 4;

/** Okabe–Ito: blue, vermillion, bluish green, reddish purple (distinct in the three common colour-vision deficiencies). */
export const PACKET_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7'] as const;
export const PACKET_SHAPES = ['circle', 'square', 'diamond', 'triangle'] as const;
export type PacketShape = (typeof PACKET_SHAPES)[number];

export interface PacketLook { letter: string; colour: string; shape: PacketShape }

/** The look of the packet in slot `i` (0-based): A blue circle, B vermillion square, … */
export function packetLook(i: number): PacketLook {
  const s = ((i % MAX_PACKETS) + MAX_PACKETS) % MAX_PACKETS;
  const letter = String.fromCharCode(65 + s);
  const shape = PACKET_SHAPES[s];
  return { letter, colour: PACKET_COLOURS[s], shape };
}

/** The catalogue ids of the marker shapes' names. */
const SHAPE_WORD: Readonly<Record<PacketShape, string>> = {
  circle: 'walk.shape.circle', square: 'walk.shape.square', diamond: 'walk.shape.diamond', triangle: 'walk.shape.triangle',
};

/** The packet in slot `i` in words, in the page's language: "packet A (circle)". */
export function packetName(say: Say, i: number): string {
  const { letter, shape } = packetLook(i);
  return say('walk.packetName', { letter, shape: say(SHAPE_WORD[shape]) });
}

/** SVG path of a marker of `shape` and radius r, centred on 0,0. */
export function markerPath(shape: PacketShape, r: number): string {
  switch (shape) {
    case 'square': return `M${-r * 0.88},${-r * 0.88}h${r * 1.76}v${r * 1.76}h${-r * 1.76}z`;
    case 'diamond': return `M0,${-r * 1.2}L${r * 1.2},0L0,${r * 1.2}L${-r * 1.2},0z`;
    case 'triangle': return `M0,${-r * 1.2}L${r * 1.1},${r * 0.8}L${-r * 1.1},${r * 0.8}z`;
    default: return `M${-r},0a${r},${r} 0 1,0 ${r * 2},0a${r},${r} 0 1,0 ${-r * 2},0`;
  }
}

/** The hop a packet shows when the shared player is at `index`: its own last hop once it has ended. */
export function hopIndexFor(walk: Walk, index: number): number {
  return Math.max(0, Math.min(index, walk.result.hops.length - 1));
}

/**
 * One walk whose namespaces are the union of several (devices merged by name), for laying out
 * a node all the packets pass: the first walk's views win; hops are concatenated (endpoints).
 */
export function mergeWalks(walks: Walk[]): Walk {
  if (walks.length === 1) return walks[0];
  const byId = new Map<string, WalkNamespace>();
  for (const w of walks) {
    for (const n of w.namespaces) {
      const had = byId.get(n.id);
      if (!had) { byId.set(n.id, n); continue; }
      const names = new Set(had.devices.map((d) => d.name));
      const extra = n.devices.filter((d) => !names.has(d.name));
      if (extra.length) byId.set(n.id, { ...had, devices: [...had.devices, ...extra] });
    }
  }
  const first = walks[0];
  return { ...first, namespaces: [...byId.values()], result: { ...first.result, hops: walks.flatMap((w) => w.result.hops) } };
}
