import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../../sim/linux/build.ts';
import { exampleInputs, exampleSgpInputs } from '../../sim/trace/example-world.ts';
import { tracePacket } from '../../sim/trace/tracer.ts';
import { buildWorld } from '../../sim/trace/world.ts';
import '../i18n/panel-english.ts';
import { textIn } from '../i18n/text.ts';
import { createLanguages } from '../i18n/catalogues.ts';
import { explainDrop } from './drop-explanation.ts';

// The walk's drop reasons from the tracer are explained in plain words, naming the fix.
const { i18n } = createLanguages();
const shown = (reason: string) => textIn(i18n, explainDrop(reason) ?? reason);
describe('explainDrop for the datapath drops', () => {
  it('early demux names the env var that fixes it', () => {
    const inputs = exampleSgpInputs('strict');
    const r = tracePacket(buildWorld(inputs.map(buildNodeNetwork), { inputs }), { from: 'node-a', to: 'default/sgp-pod', proto: 'tcp', dport: 80 });
    expect(shown(r.drop!.reason)).toContain('DISABLE_TCP_EARLY_DEMUX=true');
  });
  it('a subnet without a default route says a NAT gateway is what it lacks', () => {
    const inputs = exampleInputs();
    const r = tracePacket(buildWorld(inputs.map(buildNodeNetwork), { inputs, subnets: [{ cidr: '192.168.0.0/19', defaultRoute: 'none' }] }), { from: 'default/web-1', to: '203.0.113.10', proto: 'icmp' });
    expect(shown(r.drop!.reason)).toContain('NAT gateway');
  });
});
