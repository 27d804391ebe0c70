/** (c) Max pods: three t3.medium nodes, 50 replicas, 9 Pending once CoreDNS and metrics-server run. */
import type { Lesson } from './lesson.ts';

const NODE2 = 'ip-192-168-18-167.us-west-2.compute.internal';
const PENDING = 'default/web-r6hvv74pbm-r5b8p';

export const maxPods: Lesson = {
  id: 'max-pods',
  letter: 'c',
  scenario: {
    v: 2,
    name: 'Lesson: max pods on t3.medium',
    description: 'Three t3.medium nodes running CoreDNS and metrics-server (2 replicas each, as the EKS add-ons ship); web scales to 50 at 20 s.',
    nodeGroups: [{ name: 'small', instanceType: 't3.medium', count: 3 }],
    // CoreDNS (2 replicas behind kube-dns) comes with every cluster, as the EKS add-on does.
    deployments: [
      { name: 'metrics-server', namespace: 'kube-system', replicas: 2, labels: { 'k8s-app': 'metrics-server' } },
      { name: 'web', replicas: 0 },
    ],
    timeline: [{ at: 20, command: { type: 'scale', deployment: 'web', replicas: 50 } }],
    steps: [
      {
        at: 15,
        title: 'Three t3.medium nodes',
        narration: 'A t3.medium takes 3 ENIs of 6 IPv4 addresses each, so its max pods is 3 × (6 − 1) + 2 = 17: one address per ENI is the ENI\'s own, and the + 2 are aws-node and kube-proxy, which use the host network. 3 nodes, 51 pods in all; 6 of them are those host-network pods, and 4 are CoreDNS and metrics-server.',
        view: { sel: `node:${NODE2}`, term: 'kubectl-get-pods' },
      },
      {
        at: 90,
        title: '50 replicas, 9 Pending',
        narration: 'At 20 s web scales to 50. 51 − 6 − 4 = 41 web pods fit; 41 are Running and 9 stay Pending: "0/3 nodes are available: 3 Too many pods." Every node is at 17 pods.',
        view: { sel: `pod:${PENDING}`, term: 'kubectl-describe-pod', filter: 'problems' },
      },
      {
        at: 91,
        title: 'Not the addresses',
        narration: 'The subnet still has 8131 free addresses (EKS took two for the API server\'s cross-account ENIs), and each node holds 15 secondary IPs on 3 ENIs, all in use. The limit is the node\'s ENIs, which max pods follows: bigger instances, or prefix delegation, raise it.',
        view: { sel: `node:${NODE2}`, term: 'describe-network-interfaces' },
      },
    ],
  },
  claims: [
    [
      { says: 'max pods is 3 × (6 − 1) + 2 = 17', measure: { kind: 'maxPods', node: 'small/0' }, equals: 17 },
      { says: '6 of them are those host-network pods', measure: { kind: 'pods', hostNetwork: true }, equals: 6 },
      { says: '4 are CoreDNS and metrics-server', measure: { kind: 'pods', namespace: 'kube-system', hostNetwork: false, phase: 'Running' }, equals: 4 },
    ],
    [
      { says: '41 are Running', measure: { kind: 'pods', deployment: 'web', phase: 'Running' }, equals: 41 },
      { says: '9 stay Pending', measure: { kind: 'pods', deployment: 'web', phase: 'Pending' }, equals: 9 },
      { says: '0/3 nodes are available: 3 Too many pods.', measure: { kind: 'podMessage', deployment: 'web', phase: 'Pending', message: '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.' }, equals: 1 },
      { says: 'Every node is at 17 pods', measure: { kind: 'pods', node: 'small/0' }, equals: 17 },
      { says: 'Every node is at 17 pods', measure: { kind: 'pods', node: 'small/1' }, equals: 17 },
      { says: 'Every node is at 17 pods', measure: { kind: 'pods', node: 'small/2' }, equals: 17 },
    ],
    [
      { says: '8131 free addresses', measure: { kind: 'subnetFree', cidr: '192.168.0.0/19' }, equals: 8131 },
      { says: '15 secondary IPs on 3 ENIs', measure: { kind: 'secondaryIps', node: 'small/2' }, equals: 15 },
      { says: 'on 3 ENIs', measure: { kind: 'enis', node: 'small/2' }, equals: 3 },
      { says: 'all in use', measure: { kind: 'pool', node: 'small/2', field: 'availableIPs' }, equals: 0 },
    ],
  ],
};
