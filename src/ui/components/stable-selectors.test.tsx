// @vitest-environment happy-dom
/**
 * The paths that blanked the page with React error #185 (an unstable zustand selector),
 * rendered with the real engine: an ENI row or an empty IP slot (both select the ENI), a
 * link that opens with `v.sel=eni:…`, and the Workloads tab before the worker's first answer.
 * checked-selector.ts runs every selector twice here, so a selector that builds a new
 * object fails these tests by name even where React would only warn.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { initialStateFromLocation } from '../links/initial-state.ts';
import { openLink } from '../links/open-link.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { encodeFragment } from '../../scenario/url-codec.ts';
import { useApp } from '../store/context.tsx';
import { UnstableSelectorError } from '../store/checked-selector.ts';
import { ControlsPanel } from './ControlsPanel.tsx';
import { Inspector } from './Inspector.tsx';
import { harness, sampleSpec, settle, type Harness } from './render.test-support.tsx';

/** The bug on purpose: the lint rule would refuse it, so it is switched off for this line only. */
function Unstable() {
  // oxlint-disable-next-line vcx/stable-selector
  const names = useApp((s) => s.snapshot?.nodes.map((n) => n.name) ?? []);
  return <p>{names.length}</p>;
}

let h: Harness | undefined;
afterEach(() => { h?.unmount(); h = undefined; });

async function loaded(sample: string, atMs: number): Promise<Harness> {
  const spec = sampleSpec(sample);
  if (!spec) throw new Error(sample);
  h = harness();
  await settle(h.session.load(spec, sample, atMs));
  return h;
}

describe('stable selectors: what used to blank the page', () => {
  it('an ENI row opens the ENI inspector (node, kind, addresses, describe-network-interfaces)', async () => {
    const t = await loaded('default-m5-large', 30_000);
    t.render(<Inspector />);
    const node = t.store.getState().snapshot?.nodes[0];
    const eni = node?.enis.find((e) => e.kind === 'secondary') ?? node?.enis[0];
    if (!node || !eni) throw new Error('no ENI at 30 s');
    act(() => t.store.getState().select({ kind: 'eni', id: eni.id, node: node.name }));
    expect(t.errors).toEqual([]);
    expect(t.host.querySelector('h2')?.textContent).toBe('ENI');
    expect(t.host.querySelector('.title')?.textContent).toBe(eni.id);
    expect(t.host.textContent).toContain(`${eni.ifName} · device ${eni.deviceIndex}`);
    expect(t.host.querySelector('[data-testid="terminal"]')?.textContent).toContain(`--network-interface-ids ${eni.id}`);
    // The simulation moves on: the inspector follows without a render loop.
    await settle(t.session.advance(5_000));
    expect(t.errors).toEqual([]);
    expect(t.host.querySelector('.title')?.textContent).toBe(eni.id);
  });

  it('a link with v.sel=eni:… opens on that ENI (the worker decodes it, then the selection is applied)', async () => {
    // Find a real ENI id of this scenario at 60 s, then open a link that selects it.
    const probe = await loaded('three-az', 60_000);
    const node = probe.store.getState().snapshot?.nodes[1];
    const eni = node?.enis[0];
    if (!node || !eni) throw new Error('no ENI');
    probe.unmount();
    const hash = encodeFragment({ scenario: SAMPLE_SCENARIOS['three-az'], moment: { timeMs: 60_000 }, view: { sel: `eni:${eni.id}`, node: node.name } });
    h = harness(initialStateFromLocation(hash));
    h.render(<Inspector />);
    expect(h.errors).toEqual([]);
    expect(await settle(openLink(hash, h.store, h.session, 'sample'))).toBe('loaded');
    expect(h.store.getState().selection).toEqual({ kind: 'eni', id: eni.id, node: node.name });
    expect(h.errors).toEqual([]);
    expect(h.host.querySelector('.title')?.textContent).toBe(eni.id);
  });

  it('the Workloads tab before the worker’s first answer, then after it', async () => {
    const spec = sampleSpec('t3-medium-max-pods');
    if (!spec) throw new Error('sample');
    h = harness({ spec, source: 't3-medium-max-pods', controlTab: 'workloads' } as never);
    h.render(<ControlsPanel />);
    act(() => h?.store.getState().setControlTab('workloads'));
    expect(h.errors).toEqual([]);
    expect(h.host.textContent).toContain('0 pods · 0 not running yet');
    await settle(h.session.load(spec, 't3-medium-max-pods', 40_000));
    expect(h.errors).toEqual([]);
    expect(h.host.querySelector('[aria-label="Deployment api"]')).not.toBeNull();
  });

  it('the check names a selector that builds a new array on every call', async () => {
    const t = await loaded('default-m5-large', 0);
    t.render(<Unstable />);
    expect(t.errors.length).toBeGreaterThan(0);
    const err = t.errors[0] as Error;
    expect(err).toBeInstanceOf(UnstableSelectorError);
    expect(err.message).toContain('s.snapshot?.nodes.map');
    expect(err.message).toContain('returns a new array');
    expect(err.message).toContain('the same data in a new wrapper');
  });
});
