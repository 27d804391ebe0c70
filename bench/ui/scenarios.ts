/** The two benchmark scenarios, as share-link fragments. */
import { encodeFragment } from '../../src/scenario/url-codec.ts';

const subnets = [
  { id: 'subnet-0aaaaaaaaaaaaaaaa', availabilityZone: 'us-west-2a', cidr: '10.0.0.0/18' },
  { id: 'subnet-0bbbbbbbbbbbbbbbb', availabilityZone: 'us-west-2b', cidr: '10.0.64.0/18' },
  { id: 'subnet-0cccccccccccccccc', availabilityZone: 'us-west-2c', cidr: '10.0.128.0/18' },
];

/** 10 m5.xlarge nodes (58 max pods each); a deployment scales 0 → 500 at 5 s. */
export function tenNodes(): string {
  return encodeFragment({
    scenario: {
      v: 1, name: 'bench: 10 nodes, 0 → 500 pods', vpc: { cidrs: ['10.0.0.0/16'] }, subnets,
      nodeGroups: [{ name: 'ng', instanceType: 'm5.xlarge', count: 10, subnet: subnets[0].id }],
      deployments: [{ name: 'web', replicas: 0 }],
      timeline: [{ at: 5, command: { type: 'scale', deployment: 'web', replicas: 500 } }],
    },
  });
}

/** 100 m5.xlarge nodes over three AZs with 3,000 pods, opened at `atMs` (everything placed). */
export function hundredNodes(atMs: number): string {
  return encodeFragment({
    scenario: {
      v: 1, name: 'bench: 100 nodes, 3000 pods', vpc: { cidrs: ['10.0.0.0/16'] }, subnets,
      nodeGroups: subnets.map((s, i) => ({ name: `ng-${i}`, instanceType: 'm5.xlarge', count: i === 0 ? 34 : 33, subnet: s.id })),
      deployments: [{ name: 'web', replicas: 3000 }],
    },
    moment: { timeMs: atMs },
  });
}
