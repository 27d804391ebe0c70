import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/index.ts';
import type { SimEvent } from '../sim/view.ts';
import { ec2Line, eventLine } from '../cli/event-lines.ts';
import { eventSummary } from '../ui/components/event-text.ts';
import { ec2Summary, shortNode } from './event-summary.ts';
import { parseScenario, SAMPLE_NAMES, SAMPLE_SCENARIOS, type SampleName } from './index.ts';

function events(name: SampleName, untilMs: number): SimEvent[] {
  const parsed = parseScenario(SAMPLE_SCENARIOS[name]);
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  const sim = createSimulation(parsed.spec);
  sim.runUntil(untilMs);
  return sim.eventsSince(-1);
}

type Ec2Event = Extract<SimEvent, { kind: 'ec2' }>;
const isEc2 = (e: SimEvent): e is Ec2Event => e.kind === 'ec2';

describe('an EC2 call summed up in one line', () => {
  it('counts the addresses UnassignPrivateIpAddresses hands back, as ipamd decided them (CloudTrail wraps the list in "items")', () => {
    const all = events('warm-ip-target', 200_000);
    const unassigns = all.filter(isEc2).filter((e) => e.record.eventName === 'UnassignPrivateIpAddresses');
    expect(unassigns.length).toBeGreaterThan(0);
    for (const call of unassigns) {
      // The ipamd decision that made the call says how many: "… → UnassignPrivateIpAddresses: −6 IPs from ens5 (eni-…)".
      const eni = String(call.record.requestParameters?.networkInterfaceId);
      const decision = all.filter((e) => e.kind === 'ipamd' && e.seq < call.seq && e.message.includes(`UnassignPrivateIpAddresses`) && e.message.includes(eni)).at(-1);
      const n = Number(/−(\d+) IPs? from/.exec(decision?.kind === 'ipamd' ? decision.message : '')?.[1]);
      expect(n).toBeGreaterThan(0);
      expect(ec2Summary(call)).toBe(`UnassignPrivateIpAddresses ${eni} · ${n} IP${n === 1 ? '' : 's'}`);
    }
  });

  it('the timeline and `sim events` print the same summary for every EC2 call of every sample', () => {
    let calls = 0;
    for (const name of SAMPLE_NAMES) {
      for (const e of events(name, 300_000)) {
        if (!isEc2(e)) continue;
        calls++;
        expect(ec2Line(e)).toBe(`${eventSummary(e)} (${e.latencyMs} ms)`);
        expect(eventLine(e)).toContain(eventSummary(e));
      }
    }
    expect(calls).toBeGreaterThan(100);
  });
});

describe('a node\'s short name', () => {
  it('drops the EC2 private DNS suffix of either form, and keeps any other name whole', () => {
    expect(shortNode('ip-192-168-18-131.us-west-2.compute.internal')).toBe('ip-192-168-18-131');
    expect(shortNode('ip-10-0-0-5.ec2.internal')).toBe('ip-10-0-0-5');
    expect(shortNode('worker.example')).toBe('worker.example');
    expect(shortNode(undefined)).toBe('');
  });
});
