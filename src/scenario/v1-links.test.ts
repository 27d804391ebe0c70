/**
 * Links made by builds that wrote format v1 keep opening. fixtures/v1-links.json holds real
 * fragments written by main at 646aed9 (before v2): its Share button's path (the spec with
 * the user's commands folded in, specToScenarioJson, encodeFragment) and the fixture JSON
 * as written. Expectations are what those links were made from, not this build's output.
 */
import { describe, expect, it } from 'vitest';
import links from './fixtures/v1-links.json';
import { SAMPLE_SCENARIOS } from './sample-index.ts';
import { CURRENT_VERSION } from './scenario-json.ts';
import { parseScenario } from './parse-scenario.ts';
import { decodeFragment } from './url-codec.ts';

const byName = (prefix: string) => {
  const link = links.find((l) => l.name.startsWith(prefix));
  if (!link) throw new Error(`no v1 link ${prefix}`);
  const d = decodeFragment(link.fragment);
  if (!d.ok) throw new Error(d.error);
  return d;
};

describe('v1 links made by earlier builds', () => {
  it('all open, as format v1 documents migrated without a warning', () => {
    for (const link of links) {
      const d = decodeFragment(link.fragment);
      expect(d.ok, link.name).toBe(true);
      if (!d.ok) continue;
      expect(d.scenario.v).toBe(CURRENT_VERSION);
      expect(d.spec.steps).toBeUndefined();
    }
    expect(links.every((l) => l.fragment.startsWith('#v1.'))).toBe(true);
  });

  it('a user\'s scale folded into the timeline, with its moment and view (node, dark, presenter)', () => {
    const d = byName('t3 api scaled');
    expect(d.warnings).toEqual([]);
    expect(d.moment).toEqual({ timeMs: 45_000 });
    // The user scaled api to 30 at 20 s; the sample's own timeline is kept around it.
    expect(d.spec.timeline).toContainEqual({ at: 20, command: { type: 'scale', deployment: 'api', replicas: 30 } });
    expect(d.spec.name).toBe(SAMPLE_SCENARIOS['t3-medium-max-pods'].name);
    expect(d.view).toMatchObject({ theme: 'dark', text: 'large', sel: expect.stringMatching(/^node:ip-192-168-/) });
  });

  it('a camera and a packet walk at hop 7', () => {
    const d = byName('three-az');
    expect(d.moment).toEqual({ timeMs: 120_000 });
    expect(d.view).toEqual({ cam: '412.5,230,1.25', pw: 'default/web-1|external|tcp|443|7', theme: 'light' });
    // The sample's description has been reworded since; everything that runs is the same.
    const direct = parseScenario(SAMPLE_SCENARIOS['three-az']);
    expect(direct.ok && { ...d.spec, description: '' }).toEqual(direct.ok && { ...direct.spec, description: '' });
  });

  it('the security-groups-for-pods sample and the default fixture as written run as those samples do (descriptions aside)', () => {
    for (const [prefix, sample] of [['security-groups-for-pods', 'security-groups-for-pods'], ['default-m5-large', 'default-m5-large']] as const) {
      const direct = parseScenario(SAMPLE_SCENARIOS[sample]);
      expect(direct.ok && { ...byName(prefix).spec, description: '' }).toEqual(direct.ok && { ...direct.spec, description: '' });
    }
  });

  it('a draft-0 document inside a v1 link still climbs the whole chain (0→1 told, 1→2 quiet)', () => {
    const d = byName('a draft-0');
    expect(d.spec.awsNode.env).toEqual({ WARM_IP_TARGET: '2' });
    expect(d.warnings).toMatchObject([{ path: 'v', message: expect.stringMatching(/0→1/) }]);
  });
});
