import { describe, expect, it } from 'vitest';
import { specToScenarioJson } from '../../scenario/spec-to-json.ts';
import { encodeFragment } from '../../scenario/url-codec.ts';
import { initialStateFromLocation } from './initial-state.ts';
import { sampleSpec } from './samples.ts';
import { shareFragment } from './share-link.ts';

describe('initial state from the URL fragment', () => {
  it('opens the first sample without a fragment', () => {
    const s = initialStateFromLocation('');
    expect(s.source).toBe('default-m5-large');
    expect(s.spec?.nodeGroups[0].instanceType).toBe('m5.large');
    expect(s.banner).toBeUndefined();
  });

  it('opens a shared link at its moment', () => {
    const spec = sampleSpec('t3-medium-max-pods');
    if (!spec) throw new Error('starter sample does not parse');
    const hash = shareFragment({ spec: { ...spec, name: 'shared' }, nowMs: 42_000 }, { theme: 'dark', sel: 'pod:default/web-1', node: 'n1' });
    const s = initialStateFromLocation(hash);
    expect(s).toMatchObject({ source: 'link', startAtMs: 42_000, theme: 'dark', selection: { kind: 'pod', id: 'default/web-1', node: 'n1' } });
    expect(s.spec?.name).toBe('shared');
  });

  it('names the problem of a tampered link and falls back to the first sample', () => {
    const spec = sampleSpec('t3-medium-max-pods');
    if (!spec) throw new Error('starter sample does not parse');
    const good = encodeFragment({ scenario: specToScenarioJson(spec) });
    const s = initialStateFromLocation(good.slice(0, 20) + '!!' + good.slice(22));
    expect(s.source).toBe('default-m5-large');
    expect(s.banner?.title).toBe('This scenario link is broken');
    expect(s.banner?.detail).toMatch(/base64|corrupt/);
  });
});
