/**
 * Timeline checks of the Service, Ingress and traffic commands, replayed in time order with
 * the Services and Ingresses that exist at each moment.
 */
import type { Command, ScenarioSpec } from '../sim/spec.ts';
import { DEFAULT_NAMESPACE } from './defaults.ts';
import { closest, didYouMean } from './did-you-mean.ts';
import { issue, said, type Said, type ScenarioIssue } from './issues.ts';
import { checkDns1123Label, checkDns1123Subdomain } from './name-rules.ts';
import { checkIngress, checkService, RESERVED_SERVICES, type ServiceContext } from './check-services.ts';
import { kubeDnsServiceIp, kubernetesServiceIp } from '../sim/k8s/services/cluster-network.ts';

export type ServiceCommand = Extract<Command, { type: 'addService' | 'deleteService' | 'addIngress' | 'deleteIngress' | 'setPodHealth' | 'traffic' | 'zeroCounters' }>;

/** Longest name or address a traffic command may give (a DNS name's limit). */
const MAX_ENDPOINT = 253;

export interface ServiceTimelineState {
  services: Set<string>;
  ingresses: Set<string>;
  ctx: ServiceContext;
}

export function serviceTimelineState(spec: ScenarioSpec): ServiceTimelineState {
  const cidr = spec.cluster?.serviceIpv4Cidr;
  const clusterIps = new Map<string, string>();
  const nodePorts = new Map<number, string>();
  if (cidr) {
    clusterIps.set(kubernetesServiceIp(cidr), 'default/kubernetes');
    clusterIps.set(kubeDnsServiceIp(cidr), 'kube-system/kube-dns');
  }
  for (const s of spec.services ?? []) {
    if (s.clusterIP) clusterIps.set(s.clusterIP, `${s.namespace}/${s.name}`);
    for (const p of s.ports) if (p.nodePort !== undefined) nodePorts.set(p.nodePort, `${s.namespace}/${s.name}`);
  }
  return {
    services: new Set([...RESERVED_SERVICES, ...(spec.services ?? []).map((s) => `${s.namespace}/${s.name}`)]),
    ingresses: new Set((spec.ingresses ?? []).map((i) => `${i.namespace}/${i.name}`)),
    ctx: { serviceCidr: cidr, clusterIps, nodePorts, deployments: spec.deployments },
  };
}

/** Checks one command at `path` (`timeline[i].command`) at time `at`, updating the state. */
export function checkServiceCommand(command: ServiceCommand, path: string, at: number, st: ServiceTimelineState, sink: { errors: ScenarioIssue[]; warnings: ScenarioIssue[] }): void {
  const error = (field: string, s: Said) => sink.errors.push(issue(`${path}.${field}`, s));
  const exists = (set: Set<string>, what: 'Service' | 'Ingress', field: string, name: string, namespace: string | undefined) => {
    const key = `${namespace ?? DEFAULT_NAMESPACE}/${name}`;
    if (set.has(key)) return key;
    const hint = didYouMean(closest(key, set).map((s) => s.split('/')[1]));
    error(field, what === 'Service' ? said`no Service ${key} exists at ${at} s${hint}` : said`no Ingress ${key} exists at ${at} s${hint}`);
    return undefined;
  };
  switch (command.type) {
    case 'addService': {
      const s = command.service;
      const key = `${s.namespace}/${s.name}`;
      if (st.services.has(key) && !RESERVED_SERVICES.has(key)) error('service.name', said`Service ${key} already exists at ${at} s`);
      checkService(s, `${path}.service`, st.ctx, sink);
      st.services.add(key);
      break;
    }
    case 'deleteService': {
      const key = exists(st.services, 'Service', 'service', command.service, command.namespace);
      if (key && RESERVED_SERVICES.has(key)) error('service', said`${key} belongs to the cluster and cannot be deleted here`);
      else if (key) {
        st.services.delete(key);
        for (const [ip, owner] of st.ctx.clusterIps) if (owner === key) st.ctx.clusterIps.delete(ip);
        for (const [port, owner] of st.ctx.nodePorts) if (owner === key) st.ctx.nodePorts.delete(port);
      }
      break;
    }
    case 'addIngress': {
      const i = command.ingress;
      const key = `${i.namespace}/${i.name}`;
      if (st.ingresses.has(key)) error('ingress.name', said`Ingress ${key} already exists at ${at} s`);
      checkIngress(i, `${path}.ingress`, st.services, sink);
      st.ingresses.add(key);
      break;
    }
    case 'deleteIngress': {
      const key = exists(st.ingresses, 'Ingress', 'ingress', command.ingress, command.namespace);
      if (key) st.ingresses.delete(key);
      break;
    }
    case 'setPodHealth': {
      if ((command.pod === undefined) === (command.deployment === undefined)) error('pod', said`give either a pod or a deployment (whose oldest running pod it is)`);
      const problem = (command.pod !== undefined ? checkDns1123Subdomain(command.pod) : undefined)
        ?? (command.deployment !== undefined ? checkDns1123Label(command.deployment) : undefined)
        ?? (command.namespace !== undefined ? checkDns1123Label(command.namespace) : undefined);
      if (problem) error(command.pod !== undefined ? 'pod' : 'deployment', problem);
      break;
    }
    case 'traffic': {
      if (command.from.length > MAX_ENDPOINT) error('from', said`is ${command.from.length} characters; at most ${MAX_ENDPOINT}`);
      if (command.to.length > MAX_ENDPOINT) error('to', said`is ${command.to.length} characters; at most ${MAX_ENDPOINT}`);
      if (command.proto === 'icmp' && command.dport !== undefined) error('dport', said`icmp has no ports`);
      if (command.proto !== 'icmp' && command.dport === undefined) error('dport', said`${command.proto} needs a destination port`);
      break;
    }
    case 'zeroCounters': {
      if (command.node !== undefined) {
        const problem = checkDns1123Subdomain(command.node);
        if (problem) error('node', problem);
      }
      if (command.chain !== undefined && !/^[A-Za-z0-9_.-]{1,28}$/.test(command.chain)) error('chain', said`is not an iptables chain name (1-28 letters, digits, "_", "-", ".")`);
      break;
    }
  }
}
