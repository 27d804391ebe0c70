/**
 * `ip -d link show dev <name>` in the lab against the model's, character for character, for
 * the devices the lab makes as a node has them: every namespace's lo, each pod's host veth and
 * its eth0 (made as the plugin makes them: the model's MTU and tx queue length, created from the
 * pod's side).
 *
 * Not compared, because the lab cannot make them: the ENIs (veth stand-ins whose peers sit in
 * the VPC namespace: no ENA device, so no PCI parent, MTU range 128–9216 or mq), vlan.eth.N
 * (also a veth stand-in: the lab kernel need not have 8021q) and kube-ipvs0 (dummy). What is
 * adjusted, because it is the machine's and not the node's: the vCPU count (a veth has one
 * queue per possible CPU: the model is rendered with this machine's count), the namespace a
 * veth's peer is in (`link-netns` names the lab's namespace, not containerd's `cni-…`), which
 * attributes this machine's kernel sends and its iproute2 prints (the profile below), and the
 * ifindex numbers (`4:` and a veth's `@if4`): the lab makes every ENI and vlan.eth.N stand-in
 * before the pods' veths, where the model numbers a vlan.eth.N after its pod's veth (numbers are
 * history on a real node too, build.ts), so they are compared with the numbers taken out.
 */
import { readFileSync } from 'node:fs';
import type { LabNames } from '../../src/sim/lab/names.ts';
import type { Link } from '../../src/sim/linux/model.ts';
import { runIpCommand } from '../../src/sim/linux/render/ip-command.ts';
import type { IpDetailProfile } from '../../src/sim/linux/render/ip-detail.ts';
import type { TraceWorld } from '../../src/sim/trace/world.ts';
import type { Check } from './compare.ts';
import { inNs, run } from './shell.ts';

/** `6.1.0` → 601; `6.12.73-…` → 612. */
const version = (text: string) => {
  const m = /(\d+)\.(\d+)/.exec(text);
  return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
};

/** The CPUs the kernel counts as possible (`0-1` → 2): a veth's queue count. */
function possibleCpus(): number {
  return readFileSync('/sys/devices/system/cpu/possible', 'utf8').trim().split(',').reduce((n, part) => {
    const [a, b] = part.split('-').map(Number);
    return n + (b === undefined ? 1 : b - a + 1);
  }, 0);
}

/**
 * What this machine prints: allmulti (Linux 6.1) after iproute2 6.1–6.3's double space or 6.4's
 * single one, the ipv4 GSO/GRO sizes when both the kernel and iproute2 are 6.3 or later.
 */
function machineProfile(): IpDetailProfile | string {
  const ip = version(run(['ip', '-V']).stdout.replace(/^.*iproute2-/s, ''));
  const kernel = version(run(['uname', '-r']).stdout);
  if (ip < 601 || kernel < 601) return `needs iproute2 and Linux 6.1 or later (ip ${ip}, kernel ${kernel})`;
  return { allmulti: ip >= 604 ? 'single' : 'double', bigTcp: true, ipv4Sizes: ip >= 603 && kernel >= 603, parentDev: true };
}

/** `6: eni…@if2:` → `N: eni…@ifN:`. */
const unnumbered = (text: string) => text.replace(/^\d+: /gm, 'N: ').replace(/@if\d+:/g, '@ifN:');

/** One check per world: every lo, host veth and pod eth0, lab against model. */
export function linkDetailChecks(w: TraceWorld, names: LabNames, label: string): Check[] {
  const profile = machineProfile();
  const name = `${label}: ip -d link show of each lo, host veth and pod eth0`;
  if (typeof profile === 'string') return [{ name, ok: false, kernel: profile, sim: 'IP_DETAIL_PROFILES' }];
  const cpus = possibleCpus();
  const labNs = new Map<string, string>();
  for (const ref of w.namespaces.values()) labNs.set(ref.netns.name === '' ? `host:${ref.node.nodeName}` : ref.netns.name, names.of(ref.id));
  let count = 0;
  for (const ref of w.namespaces.values()) {
    const net = { ...ref.node, vcpus: cpus };
    // The peer's namespace as the lab names it: a pod's for a host veth, the node's for a pod's eth0.
    const links = ref.netns.links.map((l): Link => {
      if (!l.linkNetns) return l;
      const peer = 'name' in l.linkNetns ? labNs.get(l.linkNetns.name) : labNs.get(`host:${ref.node.nodeName}`);
      return { ...l, linkNetns: { name: peer ?? '?' } };
    });
    const ns = { ...ref.netns, links };
    for (const link of links) {
      // In the model only pods' veth pairs are veths (ENIs are ena, vlan.eth.N vlan).
      if (link.kind !== 'loopback' && link.kind !== 'veth') continue;
      count++;
      const sim = runIpCommand(net, ns, ['-d', 'link', 'show', 'dev', link.name], profile) ?? '';
      const kernel = inNs(names.of(ref.id), ['ip', '-d', 'link', 'show', 'dev', link.name]);
      const got = unnumbered(kernel.stdout + kernel.stderr);
      if (got !== unnumbered(sim)) return [{ name: `${name} (${ref.id} ${link.name})`, ok: false, kernel: JSON.stringify(got), sim: JSON.stringify(sim) }];
    }
  }
  return [{ name, ok: count > 0, kernel: `${count} devices printed as the model prints them`, sim: `${count} devices` }];
}
