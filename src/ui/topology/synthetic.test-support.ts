/**
 * A synthetic snapshot of any size for the picture's tests: `nodes` m5.large-like nodes over
 * three AZs, each with its primary ENI holding `podsPerNode` pods. Not the engine: the
 * picture's tests need many nodes fast, and nothing here models ipamd.
 */
import type { NodeView, PodView, SimSnapshot, SubnetView } from '../../sim/view.ts';

const AZ = ['us-west-2a', 'us-west-2b', 'us-west-2c'];
export const SUBNETS: SubnetView[] = AZ.map((az, i) => ({ id: `subnet-${i}`, availabilityZone: az, cidr: `10.0.${i * 64}.0/18`, usable: 16379, used: 0, free: 16379, tags: {}, defaultRoute: 'igw' }));

export function syntheticNode(i: number, podsPerNode: number, patch: Partial<NodeView> = {}): NodeView {
  const s = SUBNETS[i % 3];
  const ip = (k: number) => `10.0.${(i % 3) * 64 + Math.floor(i / 250)}.${(i % 250) + k}`;
  return {
    name: `ip-node-${i}.us-west-2.compute.internal`, instanceId: `i-${String(i).padStart(17, '0')}`, instanceType: 'm5.large', nodeGroup: 'ng',
    availabilityZone: s.availabilityZone, subnetId: s.id, nodeIp: ip(0), maxPods: 29, podCount: podsPerNode, mode: 'secondary-ip',
    ipamd: { status: 'running' }, warnings: [],
    enis: [{
      id: `eni-${String(i).padStart(17, '0')}`, kind: 'primary', deviceIndex: 0, networkCard: 0, mac: '02:00:00:00:00:00', subnetId: s.id, subnetCidr: s.cidr,
      primaryIp: ip(0), description: '', securityGroups: [], attachmentState: 'attached', attachedAtMs: 0, ifName: 'eth0', prefixes: [],
      secondaryIps: Array.from({ length: 9 }, (_, k) => ({ ip: `${ip(0)}.${k}`, state: k < podsPerNode ? 'assigned' as const : 'warm' as const, ...(k < podsPerNode ? { pod: `default/p-${i}-${k}` } : {}) })),
    }],
    pool: { totalIPs: 9, assignedIPs: Math.min(9, podsPerNode), cooldownIPs: 0, availableIPs: Math.max(0, 9 - podsPerNode), totalPrefixes: 0, freePrefixes: 0, maxIPs: 27, maxENIs: 3 },
    counters: { addIpRequests: 0, delIpRequests: {}, noAvailableIpAddresses: 0, ec2ApiRequests: {}, ec2ApiErrors: {}, awsApiErrors: {}, awsApiLatency: {}, reconcile: {}, ipamdErrors: {}, forceRemovedEnis: 0, forceRemovedIps: 0, startedAtMs: 0 },
    ...patch,
  };
}

export function syntheticSnapshot(nodes: number, podsPerNode = 0): SimSnapshot {
  const list = Array.from({ length: nodes }, (_, i) => syntheticNode(i, podsPerNode));
  const pods: PodView[] = list.flatMap((n, i) => Array.from({ length: podsPerNode }, (_, k) => ({
    namespace: 'default', name: `p-${i}-${k}`, uid: `u-${i}-${k}`, node: n.name, phase: 'Running' as const, hostNetwork: false, createdAtMs: 0, restarts: 0,
  })));
  return {
    timeMs: 0, scenarioName: 'synthetic', region: 'us-west-2', clusterName: 'demo', vpc: { id: 'vpc-1', cidrs: ['10.0.0.0/16'] },
    subnets: SUBNETS, nodes: list, pods, deployments: [], env: {}, ec2: { calls: 0, throttled: 0, errors: 0 }, lastEventSeq: 0,
  };
}
