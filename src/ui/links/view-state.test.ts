import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { decodeFragment, encodeFragment } from '../../scenario/url-codec.ts';
import { decodeCamera, decodeViewState, decodeWalk, encodeCamera, encodeViewState, encodeWalk, type WalkLink } from './view-state.ts';

/** A share link of three-az at `nowMs` with `view`, as the worker writes it (link-api.ts encodeLink). */
const shareFragment = (nowMs: number, view: Record<string, string>) => encodeFragment({ scenario: SAMPLE_SCENARIOS['three-az'], moment: { timeMs: nowMs }, view });
/** The view state the page takes from a link: decoded by the worker, read by decodeViewState. */
const viewOf = (hash: string) => {
  const d = decodeFragment(hash);
  return d.ok ? decodeViewState(d.view) : undefined;
};

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
      fc.double({ min: -50_000, max: 50_000, noNaN: true }), fc.double({ min: -50_000, max: 50_000, noNaN: true }), fc.double({ min: 0.02, max: 6, noNaN: true }),
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

  it('survives the whole fragment: presenter on, the camera, the selection', () => {
    const view = encodeViewState({ theme: 'dark', presenter: true, camera: { cx: 640, cy: 310.5, k: 2.5 }, selection: { kind: 'node', id: 'n2', node: 'n2' } });
    const hash = shareFragment(7_000, view);
    expect(hash).toMatch(/&v\.cam=640%2C310\.5%2C2\.5/);
    const d = decodeFragment(hash);
    expect(d.ok && [d.view, d.moment]).toEqual([view, { timeMs: 7_000 }]);
    expect(viewOf(hash)).toEqual({ theme: 'dark', presenter: true, camera: { cx: 640, cy: 310.5, k: 2.5 }, selection: { kind: 'node', id: 'n2', node: 'n2' } });
  });

  it('opens an old link (no camera, no text size) fitted and at normal text', () => {
    const v = viewOf(shareFragment(0, { theme: 'light' }));
    expect(v?.presenter).toBeUndefined();
    expect(v?.camera).toBeUndefined();
  });
});

describe('share-link view state: the packet walk and its hop', () => {
  const walk: WalkLink = { from: 'default/web-1', to: 'external', proto: 'tcp', port: '443', hop: 12 };

  it('writes the walk as v.pw=from|to|proto|port|hop and reads it back', () => {
    expect(encodeViewState({ walk })).toEqual({ pw: 'default/web-1|external|tcp|443|12' });
    expect(decodeViewState({ pw: 'default/web-1|external|tcp|443|12' })).toEqual({ walk });
    expect(decodeWalk(encodeWalk({ from: 'kube-system/coredns-1', to: '10.0.3.7', proto: 'icmp', port: '', hop: 1 })))
      .toEqual({ from: 'kube-system/coredns-1', to: '10.0.3.7', proto: 'icmp', port: '', hop: 1 });
  });

  it('round-trips any walk through the whole fragment', () => {
    const id = fc.stringMatching(/^[a-z0-9][a-z0-9./:-]{0,40}$/);
    fc.assert(fc.property(
      id, id, fc.constantFrom('tcp', 'udp') as fc.Arbitrary<'tcp' | 'udp'>, fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 500 }),
      (from, to, proto, port, hop) => {
        const w: WalkLink = { from, to, proto, port: String(port), hop };
        expect(viewOf(shareFragment(1_000, encodeViewState({ walk: w })))?.walk).toEqual(w);
      }), { numRuns: 30 });
  });

  it('drops a malformed walk and keeps the rest of the view', () => {
    for (const bad of [
      '', 'a|b|tcp|443', 'a|b|tcp|443|1|x', '|b|tcp|443|1', 'a||tcp|443|1', 'a|b|sctp|443|1', 'a|b|tcp|http|1', 'a|b|tcp|70000|1',
      'a|b|tcp|443|0', 'a|b|tcp|443|-3', 'a|b|tcp|443|1.5', 'a|b|tcp|443|', 'a|b|tcp|443|99999',
    ]) {
      expect(decodeWalk(bad), bad).toBeUndefined();
    }
    expect(decodeViewState({ pw: 'a|b|tcp|443', theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(viewOf('#v1.broken&v.pw=a%7Cb%7Ctcp%7C443%7C1')).toBeUndefined();
  });

  it('leaves no port on an icmp walk', () => {
    expect(decodeWalk('a|b|icmp|443|2')).toEqual({ from: 'a', to: 'b', proto: 'icmp', port: '', hop: 2 });
  });
});

describe('view state: the rest of the view (format v2 links)', () => {
  it('carries the terminal view, left tab, timeline filter, speed, highlighted event and lesson step through a fragment', () => {
    const full = { terminal: 'ip route show table all', tab: 'env', timelineFilter: 'ec2', speed: 0.25, event: 212, step: 2 } as const;
    const view = encodeViewState(full);
    expect(view).toEqual({ term: 'ip route show table all', tab: 'env', filter: 'ec2', speed: '0.25', ev: '212', step: '3' });
    expect(viewOf(shareFragment(5_000, view))).toEqual(full);
  });

  it('leaves the defaults out of the link (all events, 1×)', () => {
    expect(encodeViewState({ timelineFilter: 'all', speed: 1 })).toEqual({});
  });

  it('drops a value it cannot use and keeps the rest', () => {
    expect(decodeViewState({ term: 'ip rule; rm -rf /', tab: 'secrets', filter: 'everything', speed: '1e9', ev: '-4', step: '0', theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(decodeViewState({ term: 'X'.repeat(64), step: '1000' })).toEqual({});
    expect(decodeViewState({ step: '1' })).toEqual({ step: 0 });
  });
});
