/**
 * Names the lab gives to what it creates. Every namespace starts with the lab's prefix, so
 * two labs (or a lab and the kernel test) with different prefixes never touch each other's
 * namespaces, and `--teardown` removes exactly the ones one lab made.
 *
 * Namespace names are what `ip netns add` accepts (1–255 bytes, not `.`/`..`, no `/`: it is a
 * file under /run/netns), narrowed to letters, digits, `_`, `.` and `-` because the lab builds
 * them from node and pod names; interface names are `IfName`s.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ifName, type IfName } from '../linux/ifname.ts';
import type { TraceWorld } from '../trace/world.ts';
import { LabRefusal } from './shell.ts';

/** A lab's name prefix: 1–32 letters, digits, `_`, `.` or `-`, starting with a letter or digit. */
export type LabPrefix = string & { readonly __brand: 'LabPrefix' };
/** A network namespace name the lab may create. */
export type NetnsName = string & { readonly __brand: 'NetnsName' };

const PREFIX_RULE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const NETNS_MAX_BYTES = 255;

/** The prefix, or why it cannot be one. */
export function labPrefix(text: string): { ok: true; prefix: LabPrefix } | { ok: false; problem: string } {
  if (PREFIX_RULE.test(text)) return { ok: true, prefix: text as LabPrefix };
  return { ok: false, problem: `${JSON.stringify(text.slice(0, 40))} is not a lab prefix (1-32 letters, digits, "_", "." or "-", starting with a letter or digit)` };
}

/**
 * The default prefix: `vcx-` and 6 hex digits of SHA-256 over the scenario and the moment, so
 * re-running the same lab replaces itself and another scenario or moment gets its own.
 */
export function defaultLabPrefix(scenario: string, atSeconds: number): LabPrefix {
  return `vcx-${bytesToHex(sha256(utf8ToBytes(`${atSeconds}\n${scenario}`))).slice(0, 6)}` as LabPrefix;
}

/** A namespace name from text the lab composed: checked, never trusted. */
function netnsName(text: string): NetnsName {
  if (!/^[A-Za-z0-9_.-]+$/.test(text) || text === '.' || text === '..' || text.length > NETNS_MAX_BYTES) {
    throw new LabRefusal(`${JSON.stringify(text.slice(0, 60))} cannot be a network namespace name`);
  }
  return text as NetnsName;
}

const clean = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '-');

/** The lab's namespace names under one prefix. */
export interface LabNames {
  prefix: LabPrefix;
  /** The VPC stand-in. */
  vpc: NetnsName;
  /** The internet stand-in. */
  inet: NetnsName;
  /** The namespace of a world namespace id (`node` or `node/ns/pod`). */
  of(id: string): NetnsName;
  /** The stand-in of a NAT gateway (`<prefix>-<nat id>`). */
  natGateway(id: string): NetnsName;
}

/**
 * Names under `prefix`. A name past 255 bytes keeps its start and ends in 8 hex digits of
 * SHA-256 of the id, so it stays unique and within `ip netns add`'s limit.
 */
export function labNames(prefix: LabPrefix): LabNames {
  const of = (id: string): NetnsName => {
    const full = `${prefix}-${clean(id.replace(/\//g, '-'))}`;
    if (full.length <= NETNS_MAX_BYTES) return netnsName(full);
    return netnsName(`${full.slice(0, NETNS_MAX_BYTES - 9)}-${bytesToHex(sha256(utf8ToBytes(id))).slice(0, 8)}`);
  };
  return { prefix, vpc: netnsName(`${prefix}-vpc`), inet: netnsName(`${prefix}-inet`), of, natGateway: (id) => netnsName(`${prefix}-${clean(id).slice(0, 40)}`) };
}

/** The fabric's side of the internet link and its address. */
export const INET_LINK: IfName = ifName('inet0');
export const INET_GW = '203.0.113.1';

/** The VPC side of the link to the i-th NAT gateway's namespace. */
export function natGatewayLink(index: number): IfName {
  return ifName(`g${index}`);
}

/** The fabric-side device of the n-th ENI of the i-th node (`n0.1`: at most 15 bytes). */
export function fabricLink(nodeIndex: number, eniIndex: number): IfName {
  return ifName(`n${nodeIndex}.${eniIndex}`);
}

/** Every namespace of a world's lab, fabric and internet first, in creation order; refuses two alike. */
export function labNamespaces(w: TraceWorld, names: LabNames): NetnsName[] {
  const all = [names.vpc, names.inet, ...w.fabric.natGateways.map((g) => names.natGateway(g.id)), ...[...w.namespaces.keys()].map(names.of)];
  const seen = new Set<string>();
  for (const ns of all) {
    if (seen.has(ns)) throw new LabRefusal(`two parts of the scenario would share the namespace ${ns} (node or pod names that differ only in characters the lab replaces by "-")`);
    seen.add(ns);
  }
  return all;
}

/** Fabric link names by ENI id (`node:device`). */
export function fabricLinks(w: TraceWorld): Map<string, IfName> {
  const out = new Map<string, IfName>();
  w.nodes.forEach((n, i) => {
    w.fabric.enis.filter((e) => e.node === n.nodeName).forEach((e, k) => out.set(e.id, fabricLink(i, k)));
  });
  return out;
}
