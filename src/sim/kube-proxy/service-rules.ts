/**
 * The rules kube-proxy (iptables mode) writes for one service port on one node, in the order
 * `syncProxyRules` and `writeServiceToEndpointRules` write them (services-and-load-balancers.md
 * 1.5; upstream pkg/proxy/iptables/proxier.go). Arguments are given in kube-proxy's order; the
 * linux renderer prints them the way `iptables -S` does (1.6).
 */
import type { IptChain, IptMatch, IptRule } from '../linux/model.ts';
import { comment, jump, rule } from '../linux/netfilter.ts';
import { cidr, mustCidr, mustIpv4 } from '../net/ipv4.ts';
import { categorizeEndpoints, type Categorized } from './categorize.ts';
import { endpointChainName, serviceChainNames, servicePortName } from './hash.ts';
import { endpointString, externallyAccessible, type ProxyConfig, type ProxyEndpoint, type ProxyServicePort } from './model.ts';

/** What one service port adds to the node's tables. */
export interface ServiceFragment {
  natServices: IptRule[];
  natNodePorts: IptRule[];
  /** The service's own nat chains (KUBE-EXT/FW/SVC/SVL/SEP), each with its rules. */
  natChains: IptChain[];
  filterServices: IptRule[];
  filterExternalServices: IptRule[];
  filterNodePorts: IptRule[];
  filterProxyFirewall: IptRule[];
}

export const MARK_MASQ_CHAIN = 'KUBE-MARK-MASQ';
const LOCALNET = mustCidr('127.0.0.0/8');

const host = (ip: string) => ({ value: cidr(mustIpv4(ip), 32) });
const proto = (p: 'tcp' | 'udp') => ({ value: p });
const portMatch = (p: 'tcp' | 'udp', dport?: number): IptMatch => (dport === undefined ? { module: p } : { module: p, dport: { value: dport } });
const newChain = (name: string): IptChain => ({ name, packets: 0, bytes: 0, rules: [] });
const filterTarget = (t: 'REJECT' | 'DROP') => (t === 'REJECT' ? { kind: 'REJECT' as const, rejectWith: 'icmp-port-unreachable' } : { kind: 'DROP' as const });

export interface WriteOptions {
  config: ProxyConfig;
  nodeName: string;
  /** More than 1,000 endpoints in all: per-endpoint comments are dropped (largeClusterMode). */
  largeCluster: boolean;
}

/** Rules for `svc` with its `endpoints` (sorted as `ip:port` strings), on one node. */
export function writeServicePort(svc: ProxyServicePort, endpoints: readonly ProxyEndpoint[], o: WriteOptions): ServiceFragment {
  const cat = categorizeEndpoints(endpoints, svc, o.nodeName);
  return writeCategorized(svc, cat, o);
}

/** As `writeServicePort`, from endpoints already categorised for the node. */
export function writeCategorized(svc: ProxyServicePort, cat: Categorized, o: WriteOptions): ServiceFragment {
  const f: ServiceFragment = {
    natServices: [], natNodePorts: [], natChains: [], filterServices: [], filterExternalServices: [], filterNodePorts: [], filterProxyFirewall: [],
  };
  const name = servicePortName(svc.namespace, svc.service, svc.portName);
  const p = svc.protocol;
  const chains = serviceChainNames(name, p);
  const sepName = (e: ProxyEndpoint) => endpointChainName(name, p, endpointString(e));

  const usesClusterChain = cat.cluster.length > 0 && (!svc.internalPolicyLocal || (externallyAccessible(svc) && !svc.externalPolicyLocal));
  const usesLocalChain = cat.local.length > 0 && (svc.internalPolicyLocal || (externallyAccessible(svc) && svc.externalPolicyLocal));
  const hasEndpoints = cat.hasAny;
  const internalChain = svc.internalPolicyLocal ? chains.svl : chains.svc;
  const hasInternal = hasEndpoints && !(svc.internalPolicyLocal && cat.local.length === 0);
  const externalPolicyChain = svc.externalPolicyLocal ? chains.svl : chains.svc;
  const hasExternal = hasEndpoints && !(svc.externalPolicyLocal && cat.local.length === 0);
  const usesExternalChain = hasEndpoints && externallyAccessible(svc);
  const usesFw = hasEndpoints && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
  const lbChain = usesFw ? chains.fw : chains.ext;

  let internalFilter: { target: 'REJECT' | 'DROP'; text: string } | undefined;
  let externalFilter: { target: 'REJECT' | 'DROP'; text: string } | undefined;
  if (!hasEndpoints) {
    internalFilter = externalFilter = { target: 'REJECT', text: `${name} has no endpoints` };
  } else {
    if (!hasInternal) internalFilter = { target: 'DROP', text: `${name} has no local endpoints` };
    if (!hasExternal) externalFilter = { target: 'DROP', text: `${name} has no local endpoints` };
  }

  // The ClusterIP: into the internal policy chain, or rejected/dropped in filter.
  if (hasInternal) {
    f.natServices.push(rule({ dst: host(svc.clusterIP), protocol: proto(p), matches: [comment(`${name} cluster IP`), portMatch(p, svc.port)], target: jump(internalChain) }));
  } else if (internalFilter) {
    f.filterServices.push(rule({ dst: host(svc.clusterIP), protocol: proto(p), matches: [comment(internalFilter.text), portMatch(p, svc.port)], target: filterTarget(internalFilter.target) }));
  }
  for (const ip of svc.externalIPs) {
    if (hasEndpoints) f.natServices.push(rule({ dst: host(ip), protocol: proto(p), matches: [comment(`${name} external IP`), portMatch(p, svc.port)], target: jump(chains.ext) }));
    if (!hasExternal && externalFilter) {
      f.filterExternalServices.push(rule({ dst: host(ip), protocol: proto(p), matches: [comment(externalFilter.text), portMatch(p, svc.port)], target: filterTarget(externalFilter.target) }));
    }
  }
  for (const ip of svc.loadBalancerVIPs) {
    if (hasEndpoints) f.natServices.push(rule({ dst: host(ip), protocol: proto(p), matches: [comment(`${name} loadbalancer IP`), portMatch(p, svc.port)], target: jump(lbChain) }));
    if (usesFw) {
      f.filterProxyFirewall.push(rule({ dst: host(ip), protocol: proto(p), matches: [comment(`${name} traffic not accepted by ${chains.fw}`), portMatch(p, svc.port)], target: { kind: 'DROP' } }));
    }
  }
  if (!hasExternal && externalFilter) {
    for (const ip of svc.loadBalancerVIPs) {
      f.filterExternalServices.push(rule({ dst: host(ip), protocol: proto(p), matches: [comment(externalFilter.text), portMatch(p, svc.port)], target: filterTarget(externalFilter.target) }));
    }
  }
  if (svc.nodePort !== 0) {
    if (hasEndpoints) {
      if (o.config.localhostNodePorts && o.config.nfacct) {
        f.natNodePorts.push(rule({
          dst: { value: LOCALNET }, protocol: proto(p),
          matches: [comment(name), portMatch(p, svc.nodePort), { module: 'nfacct', name: 'localhost_nps_accepted_pkts' }],
          target: jump(chains.ext),
        }));
      }
      f.natNodePorts.push(rule({ protocol: proto(p), matches: [comment(name), portMatch(p, svc.nodePort)], target: jump(chains.ext) }));
    }
    if (!hasExternal && externalFilter) {
      f.filterExternalServices.push(rule({
        protocol: proto(p),
        matches: [comment(externalFilter.text), { module: 'addrtype', dstType: { value: 'LOCAL' } }, portMatch(p, svc.nodePort)],
        target: filterTarget(externalFilter.target),
      }));
    }
  }
  if (svc.healthCheckNodePort !== 0) {
    // Accepted whether or not this node has local endpoints: the LB must be able to ask.
    f.filterNodePorts.push(rule({ protocol: proto('tcp'), matches: [comment(`${name} health check node port`), portMatch('tcp', svc.healthCheckNodePort)], target: { kind: 'ACCEPT' } }));
  }

  // The service's own chains. The internal chain's first rule marks off-cluster sources.
  const ownChains = new Map<string, IptChain>();
  const own = (n: string) => {
    let c = ownChains.get(n);
    if (!c) ownChains.set(n, (c = newChain(n)));
    return c;
  };
  if (hasInternal) {
    const clusterIpMatch = { dst: host(svc.clusterIP), protocol: proto(p), matches: [comment(`${name} cluster IP`), portMatch(p, svc.port)] };
    if (o.config.masqueradeAll) own(internalChain).rules.push(rule({ ...clusterIpMatch, target: jump(MARK_MASQ_CHAIN) }));
    else if (o.config.clusterCidr) own(internalChain).rules.push(rule({ ...clusterIpMatch, src: { value: o.config.clusterCidr, not: true }, target: jump(MARK_MASQ_CHAIN) }));
  }
  if (usesExternalChain) {
    const ext = own(chains.ext);
    if (!svc.externalPolicyLocal) {
      ext.rules.push(rule({ matches: [comment(`masquerade traffic for ${name} external destinations`)], target: jump(MARK_MASQ_CHAIN) }));
    } else {
      if (o.config.clusterCidr) {
        ext.rules.push(rule({ src: { value: o.config.clusterCidr }, matches: [comment(`pod traffic for ${name} external destinations`)], target: jump(chains.svc) }));
      }
      const srcLocal: IptMatch = { module: 'addrtype', srcType: { value: 'LOCAL' } };
      ext.rules.push(rule({ matches: [comment(`masquerade LOCAL traffic for ${name} external destinations`), srcLocal], target: jump(MARK_MASQ_CHAIN) }));
      ext.rules.push(rule({ matches: [comment(`route LOCAL traffic for ${name} external destinations`), srcLocal], target: jump(chains.svc) }));
    }
    if (hasExternal) ext.rules.push(rule({ target: jump(externalPolicyChain) }));
  }
  if (usesFw) {
    const fw = own(chains.fw);
    for (const range of svc.loadBalancerSourceRanges) {
      fw.rules.push(rule({ src: { value: mustCidr(range) }, matches: [comment(`${name} loadbalancer IP`)], target: jump(chains.ext) }));
    }
    fw.rules.push(rule({ matches: [comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)] }));
  }
  const endpointComment = (e: ProxyEndpoint): IptMatch[] => (o.largeCluster ? [] : [comment(`${name} -> ${endpointString(e)}`)]);
  const toEndpoints = (chainName: string, eps: readonly ProxyEndpoint[]) => {
    const c = own(chainName);
    if (svc.affinityTimeoutSeconds !== undefined) {
      for (const e of eps) {
        c.rules.push(rule({ matches: [...endpointComment(e), { module: 'recent', name: sepName(e), rcheckSeconds: svc.affinityTimeoutSeconds }], target: jump(sepName(e)) }));
      }
    }
    eps.forEach((e, i) => {
      const stat: IptMatch[] = i < eps.length - 1 ? [{ module: 'statistic', probability: 1 / (eps.length - i) }] : [];
      c.rules.push(rule({ matches: [...endpointComment(e), ...stat], target: jump(sepName(e)) }));
    });
  };
  if (usesClusterChain) toEndpoints(chains.svc, cat.cluster);
  if (usesLocalChain) toEndpoints(chains.svl, cat.local);
  const svcComment: IptMatch[] = o.largeCluster ? [] : [comment(name)];
  for (const e of cat.reachable) {
    const c = own(sepName(e));
    c.rules.push(rule({ src: host(e.ip), matches: [...svcComment], target: jump(MARK_MASQ_CHAIN) }));
    const affinity: IptMatch[] = svc.affinityTimeoutSeconds !== undefined ? [{ module: 'recent', name: c.name, set: true }] : [];
    c.rules.push(rule({ protocol: proto(p), matches: [...svcComment, ...affinity, portMatch(p)], target: { kind: 'DNAT', toDestination: endpointString(e) } }));
  }
  f.natChains = [...ownChains.values()];
  return f;
}
