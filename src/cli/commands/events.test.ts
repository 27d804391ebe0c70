/**
 * `events`: the event stream with times, filtered by kind, node and pod, as text lines or
 * JSON lines; each line agrees with the engine's event log for the same run.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCENARIOS } from '../../scenario/index.ts';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { createSimulation, type SimEvent } from '../../sim/index.ts';
import { runCli } from '../cli.test-support.ts';

function engineEvents(name: keyof typeof SAMPLE_SCENARIOS, untilSeconds: number): SimEvent[] {
  const parsed = parseScenario(SAMPLE_SCENARIOS[name]);
  if (!parsed.ok) throw new Error('sample invalid');
  const sim = createSimulation(parsed.spec);
  sim.runUntil(untilSeconds * 1000);
  return sim.eventsSince(0);
}

describe('events', () => {
  it('prints one line per event with its time, kind and node, in order', async () => {
    const r = await runCli(['events', 'warm-ip-target', '--until', '100']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const events = engineEvents('warm-ip-target', 100);
    expect(lines).toHaveLength(events.length);
    lines.forEach((line, i) => {
      const e = events[i];
      expect(line.startsWith(`${(e.timeMs / 1000).toFixed(3)} s`.padStart(12))).toBe(true);
      expect(line.slice(14, 24).trim()).toBe(e.kind);
    });
    expect(lines.find((l) => l.includes(' ec2 ') && l.includes('CreateNetworkInterface'))).toMatch(/^ +\d+\.\d{3} s {2}ec2 {9}ip-192-168-19-39 {4}CreateNetworkInterface · \d+ IPs? \(\d+ ms\)$/);
  });

  it('filters by kind, node (name, host name or group/index) and pod', async () => {
    const events = engineEvents('three-az', 240);
    const ipamd = await runCli(['events', 'three-az', '--kind', 'ipamd']);
    expect(ipamd.stdout.trimEnd().split('\n')).toHaveLength(events.filter((e) => e.kind === 'ipamd').length);
    const node = events.find((e) => e.kind === 'ec2')!.node!;
    const mine = events.filter((e) => e.node === node && (e.kind === 'ec2' || e.kind === 'k8s'));
    for (const ref of [node, node.split('.')[0]]) {
      const r = await runCli(['events', 'three-az', '--kind', 'ec2,k8s', '--node', ref]);
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(mine.length);
    }
    const pod = events.find((e): e is Extract<SimEvent, { kind: 'k8s' }> => e.kind === 'k8s' && e.reason === 'Started')!.object.replace(/^pod\//, '');
    const about = await runCli(['events', 'three-az', '--pod', pod, '--kind', 'k8s']);
    expect(about.stdout).toMatch(/Normal Scheduled pod\//);
    expect(about.stdout).toMatch(/Normal Started pod\//);
    expect(about.stdout.trimEnd().split('\n').every((l) => l.includes(pod))).toBe(true);
  });

  it('prints JSON lines with --json, EC2 calls with their whole CloudTrail record', async () => {
    const r = await runCli(['events', 'default-m5-large', '--kind', 'ec2', '--json', '--until', '60']);
    const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { timeSeconds: number; kind: string; record: { eventName: string; eventSource: string } });
    const calls = engineEvents('default-m5-large', 60).filter((e) => e.kind === 'ec2');
    expect(rows.map((x) => x.record.eventName)).toEqual(calls.map((c) => (c.kind === 'ec2' ? c.record.eventName : '')));
    expect(rows[0]).toMatchObject({ kind: 'ec2', record: { eventSource: 'ec2.amazonaws.com' } });
    const none = await runCli(['events', 'default-m5-large', '--kind', 'controller', '--json']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });

  it('says so when nothing matches, and refuses unknown kinds', async () => {
    expect((await runCli(['events', 'default-m5-large', '--kind', 'controller'])).stdout).toBe('no events of kind controller in 0–240 s\n');
    expect((await runCli(['events', 'default-m5-large', '--kind', 'ec2,aws'])).stderr).toBe('error: --kind takes ec2, ipamd, controller, k8s (comma-separated), got "aws"\n');
  });
});
