/**
 * Links through the real worker, over comlink as the page calls them: answers cross the
 * boundary (structured clone) whatever the link, and a shared link reopens what was shared.
 */
import '@vitest/web-worker';
import * as Comlink from 'comlink';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../scenario/base64url.ts';
import { SAMPLE_SCENARIOS } from '../scenario/sample-index.ts';
import type { SimApi } from './api.ts';

function open() {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
  return { api: Comlink.wrap<SimApi>(worker), worker };
}
const link = (json: string) => `#v1.${encodeBase64Url(deflateSync(strToU8(json)))}`;

describe('links in the worker', () => {
  it('validates a sample, loads it, and its share link decodes to the same scenario, moment and view', async () => {
    const { api, worker } = open();
    const checked = await api.parseScenario(SAMPLE_SCENARIOS['three-az']);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    expect((await api.load(checked.spec)).ok).toBe(true);
    await api.tick(12_000);
    const hash = await api.encodeLink(await api.shareState(), { theme: 'dark' });
    const d = await api.decodeLink(hash);
    expect(d).toEqual({ ok: true, spec: checked.spec, warnings: [], moment: { timeMs: 12_000 }, view: { theme: 'dark' } });
    worker.terminate();
  });

  it('answers hostile links with a bounded refusal, across the boundary', async () => {
    const { api, worker } = open();
    const env = await api.decodeLink(link(`{"v":1,"awsNode":{"env":{"${'W'.repeat(100_000)}":""}}}`));
    expect(env).toMatchObject({ ok: false, issues: [{ code: 'limit', message: 'is a key of 100,000 characters; a key in a scenario has at most 317' }] });
    expect(await api.decodeLink(`${link(JSON.stringify(SAMPLE_SCENARIOS['three-az']))}&t=999999999999`)).toMatchObject({ ok: false, where: 'parameter t' });
    expect(await api.decodeLink('#v2.abc')).toMatchObject({ ok: false, issues: [], error: expect.stringContaining('unknown link version "v2"') });
    const bad = await api.parseScenario({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.lareg', count: 1 }] });
    expect(bad).toEqual({ ok: false, issues: [{ path: 'nodeGroups[0].instanceType', message: expect.stringMatching(/^"m5\.lareg" is not an EC2 instance type the simulator knows \(did you mean "m5\.large"/),
      // The translatable twin crosses the boundary too (structured clone keeps it).
      text: expect.objectContaining({ id: '{0} is not an EC2 instance type the simulator knows{1}' }) }] });
    worker.terminate();
  });
});
