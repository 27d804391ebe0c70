/**
 * The `vpc.amazonaws.com/pod-eni` pod annotation (reference c.3.5): a JSON array with one
 * object per branch ENI, written by the resource controller (its `ENIDetails`) and read by
 * ipamd's AddNetwork (`PodENIData`, first element only; Go's JSON keys match case-insensitively).
 */
import { mustIpv4, type Ipv4 } from '../net/ipv4.ts';

/** The annotation's name (also the extended resource's). */
export const POD_ENI_ANNOTATION = 'vpc.amazonaws.com/pod-eni';

/** One branch ENI as the resource controller writes it. */
export interface PodEniDetails {
  eniId: string;
  /** The branch ENI's MAC. */
  ifAddress: string;
  privateIp: string;
  ipv6Addr: string;
  vlanId: number;
  subnetCidr: string;
  subnetV6Cidr: string;
  associationID: string;
}

/** What ipamd hands the CNI plugin for a branch-ENI pod. */
export interface BranchNetwork {
  eniId: string;
  ip: Ipv4;
  vlanId: number;
  mac: string;
  subnetCidr: string;
}

/** The annotation text for one branch ENI (key order as the resource controller's struct). */
export function podEniAnnotation(d: PodEniDetails): string {
  return JSON.stringify([{
    eniId: d.eniId, ifAddress: d.ifAddress, privateIp: d.privateIp, ipv6Addr: d.ipv6Addr, vlanId: d.vlanId,
    subnetCidr: d.subnetCidr, subnetV6Cidr: d.subnetV6Cidr, associationID: d.associationID,
  }]);
}

/** Reads the first branch ENI of the annotation, or undefined when it is missing or malformed. */
export function parsePodEniAnnotation(text: string): BranchNetwork | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(doc) || doc.length === 0 || doc[0] === null || typeof doc[0] !== 'object') return undefined;
  // Go's encoding/json matches keys case-insensitively.
  const fields = new Map(Object.entries(doc[0] as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  const eniId = fields.get('eniid');
  const mac = fields.get('ifaddress');
  const ip = fields.get('privateip');
  const vlanId = fields.get('vlanid');
  const subnetCidr = fields.get('subnetcidr');
  if (typeof eniId !== 'string' || typeof mac !== 'string' || typeof ip !== 'string' || typeof vlanId !== 'number' || typeof subnetCidr !== 'string') return undefined;
  try {
    return { eniId, ip: mustIpv4(ip), vlanId, mac, subnetCidr };
  } catch {
    return undefined;
  }
}
