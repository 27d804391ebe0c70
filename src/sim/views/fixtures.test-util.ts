// Shared fixtures for the views tests (not a test file itself).
import type { EniView, IpamdCounters, NodeView, PodView, SimSnapshot } from '../view.ts';

export function counters(over: Partial<IpamdCounters> = {}): IpamdCounters {
  return {
    addIpRequests: 0, delIpRequests: {}, noAvailableIpAddresses: 0, ec2ApiRequests: {}, ec2ApiErrors: {},
    awsApiErrors: {}, awsApiLatency: {}, reconcile: {}, ipamdErrors: {}, forceRemovedEnis: 0, forceRemovedIps: 0,
    startedAtMs: 0, ...over,
  };
}

export function eni(over: Partial<EniView> = {}): EniView {
  return {
    id: 'eni-0a1b2c3d4e5f60718', kind: 'primary', deviceIndex: 0, networkCard: 0, mac: '02:4f:1a:2b:3c:4d',
    subnetId: 'subnet-0123456789abcdef0', subnetCidr: '10.0.0.0/19', primaryIp: '10.0.1.23', description: '',
    securityGroups: ['sg-0123456789abcdef0'], attachmentState: 'attached', attachedAtMs: 0, ifName: 'eth0',
    secondaryIps: [], prefixes: [], ...over,
  };
}

export function node(over: Partial<NodeView> = {}): NodeView {
  return {
    name: 'ip-10-0-1-23.us-west-2.compute.internal', instanceId: 'i-0123456789abcdef0', instanceType: 'm5.large',
    nodeGroup: 'ng-1', availabilityZone: 'us-west-2a', subnetId: 'subnet-0123456789abcdef0', nodeIp: '10.0.1.23',
    maxPods: 29, podCount: 2, mode: 'secondary-ip', ipamd: { status: 'running' }, enis: [eni()],
    pool: { totalIPs: 9, assignedIPs: 1, cooldownIPs: 0, availableIPs: 8, totalPrefixes: 0, freePrefixes: 0, maxIPs: 27, maxENIs: 3 },
    warnings: [], counters: counters(), ...over,
  };
}

export function pod(over: Partial<PodView> = {}): PodView {
  return {
    namespace: 'default', name: 'web-7d4b9c8f6-x2x9k', uid: 'uid-1', deployment: 'web', phase: 'Running',
    hostNetwork: false, createdAtMs: 0, restarts: 0, ...over,
  };
}

export function snapshot(over: Partial<SimSnapshot> = {}): SimSnapshot {
  return {
    timeMs: 0, scenarioName: 't', region: 'us-west-2', clusterName: 'demo', vpc: { id: 'vpc-0abc', cidrs: ['10.0.0.0/16'] },
    subnets: [], nodes: [node()], pods: [], deployments: [], env: {}, ec2: { calls: 0, throttled: 0, errors: 0 }, lastEventSeq: 0,
    ...over,
  };
}
