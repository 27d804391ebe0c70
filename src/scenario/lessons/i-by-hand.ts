/**
 * (i) The classic from-scratch lab: a secondary IP, a namespace and a veth, a made-up gateway
 * with a static ARP entry, the host's route and rule back, and an SNAT rule, each typed by
 * hand in the narration and set beside the lines the CNI wrote for a real pod (in the step's
 * terminal view and checked by the claims).
 */
import type { Lesson } from './lesson.ts';

const NODE = 'ip-192-168-19-39.us-west-2.compute.internal';
const POD = 'default/web-2jv2r6xgl9-5kwj8';
const VETH = 'eni530e1ece94c';

export const byHand: Lesson = {
  id: 'pod-network-by-hand',
  letter: 'i',
  scenario: {
    v: 2,
    name: 'Lesson: a pod network by hand',
    description: 'One m5.large with the defaults; web scales to 1 at 10 s. Each step types one piece of pod networking by hand and shows what the CNI wrote for that pod.',
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }],
    deployments: [{ name: 'web', replicas: 0 }],
    timeline: [{ at: 10, command: { type: 'scale', deployment: 'web', replicas: 1 } }],
    steps: [
      {
        at: 30,
        title: 'By hand: a secondary IP',
        narration: 'By hand: aws ec2 assign-private-ip-addresses --network-interface-id <ens5\'s ENI> --secondary-private-ip-address-count 1. The CNI: ipamd holds 9 secondary IPs on ens5 before pods ask, and gave the web pod 192.168.6.93, one of them.',
        view: { sel: `pod:${POD}`, term: 'kubectl-describe-pod' },
      },
      {
        at: 31,
        title: 'By hand: a namespace and a veth',
        narration: 'By hand: ip netns add pod1; ip link add veth-host type veth peer name eth0 netns pod1; ip -n pod1 addr add 192.168.6.93/32 dev eth0; ip -n pod1 link set eth0 up. The CNI plugin did the same for the pod: inet 192.168.6.93/32 scope global eth0, a /32, so the pod has no subnet to ARP in.',
        view: { sel: `pod:${POD}`, term: 'ip addr' },
      },
      {
        at: 32,
        title: 'By hand: a gateway and a static ARP entry',
        narration: 'By hand: ip -n pod1 route add 169.254.1.1 dev eth0 scope link; ip -n pod1 route add default via 169.254.1.1 dev eth0; ip -n pod1 neigh add 169.254.1.1 lladdr <veth-host\'s MAC> dev eth0 nud permanent. The pod\'s routes: default via 169.254.1.1 dev eth0, and its ARP entry: 169.254.1.1 dev eth0 lladdr e6:5d:47:3c:1c:ce PERMANENT, the host end\'s MAC.',
        view: { sel: `pod:${POD}`, term: 'ip route show table all' },
      },
      {
        at: 33,
        title: 'By hand: the host\'s way back',
        narration: `By hand: ip link set veth-host up; ip route add 192.168.6.93 dev veth-host scope link; ip rule add to 192.168.6.93 lookup main priority 512. The CNI's lines: 192.168.6.93 dev ${VETH} scope link, and rule 512 from all to 192.168.6.93 lookup main, so replies reach the pod whatever ENI they came in on.`,
        view: { sel: `node:${NODE}`, term: 'ip rule' },
      },
      {
        at: 34,
        title: 'By hand: SNAT to the internet',
        narration: 'By hand: iptables -t nat -A POSTROUTING ! -d 192.168.0.0/16 -j SNAT --to-source 192.168.19.39. The CNI writes it as a chain: -A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN, then SNAT --to-source 192.168.19.39 --random-fully for the rest (not for vlan+, the branch ENIs).',
        view: { sel: `node:${NODE}`, term: 'iptables -t nat -S' },
      },
    ],
  },
  claims: [
    [
      { says: '9 secondary IPs on ens5', measure: { kind: 'secondaryIps', node: 'ng-1/0', ifName: 'ens5' }, equals: 9 },
      { says: 'gave the web pod 192.168.6.93', measure: { kind: 'line', node: 'ng-1/0', view: 'ip addr', pod: POD, line: '    inet 192.168.6.93/32 scope global eth0' }, equals: 1 },
    ],
    [
      { says: 'inet 192.168.6.93/32 scope global eth0', measure: { kind: 'line', node: 'ng-1/0', view: 'ip addr', pod: POD, line: '    inet 192.168.6.93/32 scope global eth0' }, equals: 1 },
    ],
    [
      { says: 'default via 169.254.1.1 dev eth0', measure: { kind: 'line', node: 'ng-1/0', view: 'ip route', pod: POD, line: 'default via 169.254.1.1 dev eth0' }, equals: 1 },
      { says: '169.254.1.1 dev eth0 scope link', measure: { kind: 'line', node: 'ng-1/0', view: 'ip route', pod: POD, line: '169.254.1.1 dev eth0 scope link' }, equals: 1 },
      { says: '169.254.1.1 dev eth0 lladdr e6:5d:47:3c:1c:ce PERMANENT', measure: { kind: 'line', node: 'ng-1/0', view: 'ip neigh', pod: POD, line: '169.254.1.1 dev eth0 lladdr e6:5d:47:3c:1c:ce PERMANENT' }, equals: 1 },
    ],
    [
      { says: `192.168.6.93 dev ${VETH} scope link`, measure: { kind: 'line', node: 'ng-1/0', view: 'ip route', line: `192.168.6.93 dev ${VETH} scope link` }, equals: 1 },
      { says: 'rule 512 from all to 192.168.6.93 lookup main', measure: { kind: 'line', node: 'ng-1/0', view: 'ip rule', line: '512:\tfrom all to 192.168.6.93 lookup main' }, equals: 1 },
    ],
    [
      { says: '-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN', measure: { kind: 'line', node: 'ng-1/0', view: 'iptables -t nat -S', line: '-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN' }, equals: 1 },
      { says: 'SNAT --to-source 192.168.19.39 --random-fully', measure: { kind: 'line', node: 'ng-1/0', view: 'iptables -t nat -S', line: '-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.19.39 --random-fully' }, equals: 1 },
    ],
  ],
};
