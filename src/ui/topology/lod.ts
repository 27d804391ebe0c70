/**
 * Level of detail of the picture, by zoom. What a card can show depends on how many screen
 * pixels it gets: far out a card is a few pixels and only its fill levels read (glyphs);
 * further in its counts read (summary cards); close up every address and pod (detail).
 */
export type Lod = 'glyph' | 'summary' | 'detail';

/** Below this zoom nodes are glyphs: a 288-unit card is under ~85 px, its text under 8 px. */
export const GLYPH_BELOW = 0.3;
/** From this zoom cards show ENI rows, address cells and pods. */
export const DETAIL_FROM = 0.55;
/**
 * Clusters up to this many nodes keep every card in the DOM (each can be reached with Tab);
 * larger ones draw cards only where the camera looks, and glyphs beneath for the rest.
 */
export const CULL_ABOVE = 60;
/** The zoom range: far enough out for 1,000 nodes on a 1024×768 screen. */
export const ZOOM_EXTENT: [number, number] = [0.02, 6];

export function lodFor(k: number): Lod {
  return k < GLYPH_BELOW ? 'glyph' : k < DETAIL_FROM ? 'summary' : 'detail';
}
