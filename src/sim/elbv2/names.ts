/**
 * ELBv2 names: ARNs, DNS names and the load balancers' canonical hosted zones.
 *
 * DNS names: an NLB is `<name>-<16 hex>.elb.<region>.amazonaws.com`, an ALB
 * `<name>-<10 digits>.<region>.elb.amazonaws.com` (as load balancers created by the controller
 * show them, e.g. `k8s-ui-ui-5ddc3ba496-1818326871.us-west-2.elb.amazonaws.com`). The id parts
 * are ELB's own; here they are derived from the name so a scenario always shows the same.
 */
import type { LbType } from './model.ts';

/** Route 53 hosted zone ids of ELB per region (AWS General Reference, "Elastic Load Balancing endpoints and quotas"). */
const HOSTED_ZONES: Record<string, { application: string; network: string }> = {
  'us-east-1': { application: 'Z35SXDOTRQ7X7K', network: 'Z26RNL4JYFTOTI' },
  'us-east-2': { application: 'Z3AADJGX6KTTL2', network: 'ZLMOA37VPKANP' },
  'us-west-1': { application: 'Z368ELLRRE2KJ0', network: 'Z24FKFUX50B4VW' },
  'us-west-2': { application: 'Z1H1FL5HABSF5', network: 'Z18D5FSROUN65G' },
  'eu-west-1': { application: 'Z32O12XQLNTSW2', network: 'Z2IFOLAFXWLO4F' },
  'eu-west-2': { application: 'ZHURV8PSTC4K8', network: 'ZD4D7Y8KGAS4G' },
  'eu-central-1': { application: 'Z215JYRZR1TBD5', network: 'Z3F0SRJ5LGBH90' },
  'ap-south-1': { application: 'ZP97RAFLXTNZK', network: 'ZVDDRBQ08TROA' },
  'ap-southeast-1': { application: 'Z1LMS91P8CMLE5', network: 'ZKVM4W9LS7TM' },
  'ap-southeast-2': { application: 'Z1GM3OXH4ZPM65', network: 'ZCT6FZBF4DROD' },
  'ap-northeast-1': { application: 'Z14GRHDCWA56QT', network: 'Z31USIVHYNEOWT' },
};

/** The hosted zone id, or undefined for a region the table does not list. */
export function canonicalHostedZoneId(region: string, type: LbType): string | undefined {
  return HOSTED_ZONES[region]?.[type];
}

/** FNV-1a chain over a text, as hex of `len` characters. */
export function hexOf(text: string, len: number): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let i = 0; out.length < len; i++) {
    for (const ch of `${text}#${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, len);
}

export function loadBalancerArn(region: string, account: string, type: LbType, name: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${type === 'network' ? 'net' : 'app'}/${name}/${hexOf(`lb|${name}`, 16)}`;
}

export function targetGroupArn(region: string, account: string, name: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${name}/${hexOf(`tg|${name}`, 16)}`;
}

export function listenerArn(lbArn: string, port: number): string {
  const tail = lbArn.slice(lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
  return `${lbArn.slice(0, lbArn.indexOf(':loadbalancer/'))}:listener/${tail}/${hexOf(`listener|${lbArn}|${port}`, 16)}`;
}

export function dnsName(region: string, type: LbType, name: string): string {
  if (type === 'network') return `${name}-${hexOf(`dns|${name}`, 16)}.elb.${region}.amazonaws.com`;
  const digits = String(parseInt(hexOf(`dns|${name}`, 8), 16) % 9_000_000_000 + 1_000_000_000);
  return `${name}-${digits}.${region}.elb.amazonaws.com`;
}
