/**
 * Where on the cluster picture a hop happens (pure): in a pod, at its host veth, in the host
 * namespace, on an ENI or a `vlan.eth.N` device, in the VPC fabric, at the gateway, on the
 * internet or at a load balancer; and what the callout at the packet says there — the
 * device, the ip rule and the route table that decided it ("eni57b98576803 → rule 512 →
 * table main"), as the real tools name them.
 */
import type { Hop } from '../../sim/trace/hop.ts';
import { english } from '../i18n/catalogues.ts';
import type { Say } from '../i18n/text.ts';
import { loadBalancerOf } from './endpoints.ts';
import { nodeOf } from './hop-model.ts';
import { STEP_WORD } from './hop-words.ts';

export type MapAnchor =
  | { kind: 'pod'; node: string; pod: string }
  | { kind: 'veth'; node: string; device: string }
  | { kind: 'host'; node: string }
  | { kind: 'device'; node: string; device: string }
  | { kind: 'vpc' }
  | { kind: 'gateway' }
  | { kind: 'internet' }
  | { kind: 'lb'; name: string };

/** An ENI's device on the node (`eth1`, or `ens6` as Amazon Linux 2023 names it) or a branch ENI's VLAN device (`vlan.eth.3`), not a veth. */
export function isEniDevice(device: string | undefined): boolean {
  return !!device && /^(eth\d+|ens\d+|vlan\.eth\.\d+)$/.test(device);
}

/** The anchor of one hop. */
export function mapAnchorOf(h: Hop): MapAnchor {
  const { ns, device } = h.where;
  if (ns === 'internet') return { kind: 'internet' };
  if (ns === 'vpc') {
    if (device === 'igw' || device === 'nat-gateway') return { kind: 'gateway' };
    const lb = loadBalancerOf(h);
    if (lb) return { kind: 'lb', name: lb };
    // Leaving a node onto the VPC: `<node>:<device>` names the ENI it leaves by.
    if (h.step === 'transmit' && device?.includes(':')) {
      const i = device.lastIndexOf(':');
      return { kind: 'device', node: device.slice(0, i), device: device.slice(i + 1) };
    }
    return { kind: 'vpc' };
  }
  const node = nodeOf(ns) ?? ns;
  if (ns.includes('/')) return { kind: 'pod', node, pod: ns.slice(node.length + 1) };
  if ((h.step === 'transmit' || h.step === 'neighbour') && device) {
    return isEniDevice(device) ? { kind: 'device', node, device } : { kind: 'veth', node, device };
  }
  return { kind: 'host', node };
}

/** A stable key for an anchor (two hops at one place share it: the marker does not move). */
export function anchorKey(a: MapAnchor): string {
  switch (a.kind) {
    case 'pod': return `pod:${a.node}/${a.pod}`;
    case 'veth': return `veth:${a.node}:${a.device}`;
    case 'host': return `host:${a.node}`;
    case 'device': return `dev:${a.node}:${a.device}`;
    case 'lb': return `lb:${a.name}`;
    default: return a.kind;
  }
}

/** `vlana966b8de9b2` → `vlana966b8…` for a callout that must stay short; ENI names stay whole. */
const shortDev = (d: string) => (d.length > 12 ? `${d.slice(0, 10)}…` : d);

/**
 * The callout at the packet for hop `i`: the hop's step, then the device, the deciding ip rule
 * (its priority) and the route table, each as far as this namespace has decided them on this
 * leg of the walk — e.g. `route · eni57b98576803 → rule 512 → table main`. The step's word is in the
 * page's language (`say`, English when not given); devices, rules and tables as `ip` names them.
 */
export function calloutFor(hops: Hop[], i: number, say: Say = english()): string {
  const h = hops[i];
  if (!h) return '';
  let device: string | undefined;
  let rule: string | undefined;
  let table: string | undefined;
  for (let k = i; k >= 0; k--) {
    const p = hops[k];
    if (p.where.ns !== h.where.ns || p.direction !== h.direction) break;
    if (!device && p.where.device && p.where.device !== 'lo') device = p.where.device;
    if (!rule && p.step === 'ip-rule' && p.entry) rule = `rule ${p.entry.split(':')[0]}`;
    if (!table && p.step === 'route' && p.where.table) table = `table ${p.where.table}`;
  }
  if (h.step === 'netfilter' && h.where.table && h.where.chain) return `${h.where.table} ${h.where.chain} · ${[device && shortDev(device), rule, table].filter(Boolean).join(' → ')}`.replace(/ · $/, '');
  const step = say(STEP_WORD[h.step]);
  if (h.where.ns === 'vpc' || h.where.ns === 'internet') return `${step} · ${h.where.ns === 'vpc' ? (h.where.device ?? say('walk.map.vpc')) : say('walk.where.internet')}`;
  const parts = [device && shortDev(device), rule, table].filter(Boolean);
  return parts.length ? `${step} · ${parts.join(' → ')}` : step;
}
