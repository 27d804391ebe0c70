/**
 * The UI benchmark's scenarios, as share-link fragments: m5 nodes over three AZs, deployments
 * scaled up (and back down) by the timeline while the benchmark plays at 16×, so the picture
 * moves the whole time it is measured.
 */
import { encodeFragment } from '../../src/scenario/url-codec.ts';

const subnets = [
  { id: 'subnet-0aaaaaaaaaaaaaaaa', availabilityZone: 'us-west-2a', cidr: '10.0.0.0/18' },
  { id: 'subnet-0bbbbbbbbbbbbbbbb', availabilityZone: 'us-west-2b', cidr: '10.0.64.0/18' },
  { id: 'subnet-0cccccccccccccccc', availabilityZone: 'us-west-2c', cidr: '10.0.128.0/18' },
];

/**
 * EC2 request buckets of an account whose limits were raised for a large cluster (as in
 * bench/engine.bench.ts): with the defaults, 1,000 nodes spend the first half hour throttled.
 */
const RAISED_LIMITS = { mutating: { capacity: 2000, refillPerSecond: 50 }, nonMutating: { capacity: 1000, refillPerSecond: 200 } };

/** A scenario caps one deployment at 10,000 replicas: big targets are split over three. */
const NAMES = ['web', 'api', 'worker'];

function split(total: number): number[] {
  return NAMES.map((_, i) => Math.floor((total + i) / NAMES.length));
}

interface Plan { name: string; nodes: number; instanceType: string; steps: { at: number; pods: number }[]; raised?: boolean; oneSubnet?: boolean }

function fragment(p: Plan): string {
  const used = p.oneSubnet ? subnets.slice(0, 1) : subnets;
  const per = Math.ceil(p.nodes / used.length);
  return encodeFragment({
    scenario: {
      v: 1, name: p.name, vpc: { cidrs: ['10.0.0.0/16'] }, subnets: used,
      nodeGroups: used.map((s, i) => ({ name: `ng-${i}`, instanceType: p.instanceType, count: Math.min(per, p.nodes - i * per), subnet: s.id })),
      ...(p.raised ? { ec2: RAISED_LIMITS } : {}),
      deployments: NAMES.map((name) => ({ name, replicas: 0 })),
      timeline: p.steps.flatMap((s) => split(s.pods).map((replicas, i) => ({ at: s.at, command: { type: 'scale', deployment: NAMES[i], replicas } }))),
    },
  });
}

/** 10 m5.xlarge nodes (58 max pods each) in one subnet; 0 → 500 pods at 5 s. */
export const tenNodes = () => fragment({ name: 'bench: 10 nodes, 0 → 500 pods', nodes: 10, instanceType: 'm5.xlarge', oneSubnet: true, steps: [{ at: 5, pods: 500 }] });

/** 100 m5.xlarge nodes in three AZs; 0 → 3,000 pods at 5 s, back to 0 at 150 s. */
export const hundredNodes = () => fragment({
  name: 'bench: 100 nodes, 0 → 3,000 → 0 pods', nodes: 100, instanceType: 'm5.xlarge', raised: true, steps: [{ at: 5, pods: 3000 }, { at: 150, pods: 0 }],
});

/** 1,000 m5.large nodes (29 max pods) in three AZs, raised EC2 limits; 0 → 25,000 pods at 5 s. */
export const thousandNodes = () => fragment({ name: 'bench: 1,000 nodes, 0 → 25,000 pods', nodes: 1000, instanceType: 'm5.large', raised: true, steps: [{ at: 5, pods: 25_000 }] });
