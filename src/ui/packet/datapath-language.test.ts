// @vitest-environment happy-dom
/** The datapath picture speaks the page's language: its words are drawn again on a switch, the tools' names stay. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../../sim/index.ts';
import { traceWalk } from '../../worker/trace-api.ts';
import { createLanguages } from '../i18n/catalogues.ts';
import { createDatapath } from './datapath-controller.ts';

describe('datapath picture language (happy-dom)', () => {
  it('draws route table, local socket and the VPC fabric in Traditional Chinese after a switch; ip rule and the hooks stay', async () => {
    const parsed = parseScenario(SAMPLE_SCENARIOS['default-m5-large']);
    if (!parsed.ok) throw new Error('parse');
    const sim = createSimulation(parsed.spec);
    sim.runUntil(60_000);
    const pod = sim.snapshot().pods.find((p) => p.ip && p.namespace === 'default');
    const walk = traceWalk(sim, { from: `${pod?.namespace}/${pod?.name}`, to: '8.8.8.8', proto: 'tcp', dport: 443 });
    if (!walk.ok) throw new Error(walk.error);
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.append(el);
    const dp = createDatapath(el);
    const languages = createLanguages();
    const titles = () => [...el.querySelectorAll('.dp-title')].map((t) => t.textContent);
    dp.update({ packets: [{ walk, slot: 0 }], active: 0, index: 0, say: (id, v) => languages.i18n._(id, v) });
    expect(titles()).toEqual(expect.arrayContaining(['route table', 'local socket', 'VPC fabric', 'ip rule', 'POSTROUTING']));
    await languages.activate('zh-TW');
    // The same walk and hop: only the language changed.
    dp.update({ packets: [{ walk, slot: 0 }], active: 0, index: 0, say: (id, v) => languages.i18n._(id, v) });
    expect(titles()).toEqual(expect.arrayContaining(['路由表', '本機通訊端', 'VPC 網路', 'ip rule', 'POSTROUTING']));
    expect(titles()).not.toContain('route table');
    dp.destroy();
  });
});
