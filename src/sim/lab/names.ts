/**
 * Names the lab gives to what it creates. Every namespace starts with `vcx-`, so the lab
 * can only ever touch namespaces it made itself.
 */
import type { TraceWorld } from '../trace/world.ts';

export const LAB_PREFIX = 'vcx-';
/** The VPC stand-in and the internet stand-in. */
export const VPC_NS = `${LAB_PREFIX}vpc`;
export const INET_NS = `${LAB_PREFIX}inet`;
/** The fabric's side of the internet link and its address. */
export const INET_LINK = 'inet0';
export const INET_GW = '203.0.113.1';

const clean = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '-');

/** Lab namespace of a world namespace id (`node` or `node/ns/pod`). */
export function labNetns(id: string): string {
  return LAB_PREFIX + clean(id.replace(/\//g, '-'));
}

/** The fabric-side device of the n-th ENI of the i-th node (`n0.1`: at most 15 chars). */
export function fabricLink(nodeIndex: number, eniIndex: number): string {
  return `n${nodeIndex}.${eniIndex}`;
}

/** Every lab namespace of a world, fabric and internet included, in creation order. */
export function labNamespaces(w: TraceWorld): string[] {
  return [VPC_NS, INET_NS, ...[...w.namespaces.keys()].map(labNetns)];
}

/** Fabric link names by ENI id (`node:device`). */
export function fabricLinks(w: TraceWorld): Map<string, string> {
  const out = new Map<string, string>();
  w.nodes.forEach((n, i) => {
    w.fabric.enis.filter((e) => e.node === n.nodeName).forEach((e, k) => out.set(e.id, fabricLink(i, k)));
  });
  return out;
}
