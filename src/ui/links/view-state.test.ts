import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFragment } from '../../scenario/url-codec.ts';
import { initialStateFromLocation } from './initial-state.ts';
import { sampleSpec } from './samples.ts';
import { shareFragment } from './share-link.ts';
import { decodeCamera, decodeViewState, encodeCamera, encodeViewState } from './view-state.ts';

describe('share-link view state: camera and text size', () => {
  it('writes presenter text and the camera as v.text and v.cam, rounded', () => {
    const view = encodeViewState({ theme: 'dark', presenter: true, camera: { cx: 412.5432, cy: -230.04, k: 1.234567 } });
    expect(view).toEqual({ theme: 'dark', text: 'large', cam: '412.5,-230,1.2346' });
  });

  it('leaves both out when presenter is off and the picture fits itself', () => {
    expect(encodeViewState({ theme: 'light', presenter: false })).toEqual({ theme: 'light' });
    expect(decodeViewState({ theme: 'light' })).toEqual({ theme: 'light' });
  });

  it('round-trips any camera within the zoom extent to within rounding', () => {
    fc.assert(fc.property(
      fc.double({ min: -50_000, max: 50_000, noNaN: true }), fc.double({ min: -50_000, max: 50_000, noNaN: true }), fc.double({ min: 0.08, max: 6, noNaN: true }),
      (cx, cy, k) => {
        const back = decodeCamera(encodeCamera({ cx, cy, k }));
        if (!back) return false;
        return Math.abs(back.cx - cx) <= 0.05 && Math.abs(back.cy - cy) <= 0.05 && Math.abs(back.k - k) <= 0.00005;
      }));
  });

  it('drops a camera it cannot trust instead of failing the link', () => {
    for (const bad of ['', '1,2', '1,2,3,4', 'a,b,c', '1,2,0', '1,2,99', '1,2,-1', '1e3,2,1', '9999999,0,1', 'NaN,0,1']) {
      expect(decodeCamera(bad), bad).toBeUndefined();
    }
    expect(decodeViewState({ cam: '1,2,99', text: 'huge' })).toEqual({});
  });

  it('survives the whole fragment and opens the store with presenter on and the camera pending', () => {
    const spec = sampleSpec('three-az');
    if (!spec) throw new Error('three-az does not parse');
    const view = encodeViewState({ theme: 'dark', presenter: true, camera: { cx: 640, cy: 310.5, k: 2.5 }, selection: { kind: 'node', id: 'n2', node: 'n2' } });
    const hash = shareFragment({ spec, nowMs: 7_000 }, view);
    expect(hash).toMatch(/&v\.cam=640%2C310\.5%2C2\.5/);
    const d = decodeFragment(hash);
    expect(d.ok && d.view).toEqual(view);
    const s = initialStateFromLocation(hash);
    expect(s).toMatchObject({ startAtMs: 7_000, theme: 'dark', presenter: true, initialCamera: { cx: 640, cy: 310.5, k: 2.5 }, selection: { kind: 'node', id: 'n2' } });
  });

  it('opens an old link (no camera, no text size) fitted and at normal text', () => {
    const spec = sampleSpec('three-az');
    if (!spec) throw new Error('three-az does not parse');
    const s = initialStateFromLocation(shareFragment({ spec, nowMs: 0 }, { theme: 'light' }));
    expect(s.presenter).toBe(false);
    expect(s.initialCamera).toBeUndefined();
  });
});
