import { describe, expect, it } from 'vitest';
import { failedCreatePodSandBoxMessage, failedSchedulingMessage } from './k8s-messages.ts';
import { kubectlDescribePod } from './kubectl.ts';
import { KUBECTL_DESCRIBE, tabwrite } from './tabwriter.ts';
import { pod, snapshot } from './fixtures.test-util.ts';
import type { SimEvent } from '../view.ts';

describe('failedSchedulingMessage', () => {
  it('matches the all-full form', () => {
    expect(failedSchedulingMessage(3, 3)).toBe(
      '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
  });
  it('matches a mixed real message (cilium/cilium#42816 pod status)', () => {
    expect(failedSchedulingMessage(3, 1, [{ reason: "node(s) didn't match pod affinity rules", count: 2 }])).toBe(
      "0/3 nodes are available: 1 Too many pods, 2 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.");
  });
  it('sorts "count reason" as strings, like Go sort.Strings', () => {
    expect(failedSchedulingMessage(12, 10, [{ reason: 'node(s) were unschedulable', count: 2 }])).toMatch(
      /^0\/12 nodes are available: 10 Too many pods, 2 node\(s\) were unschedulable\. preemption: 0\/12 nodes are available: 10 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling\.$/);
  });
  it('has no fit histogram when there are no nodes', () => {
    expect(failedSchedulingMessage(0, 0)).toBe('no nodes available to schedule pods');
  });
});

describe('failedCreatePodSandBoxMessage', () => {
  it('matches the message pasted in kubernetes/kubernetes#131071', () => {
    const id = '40d7bc158517c6954d0e8f1ba2bbc04e376e3123ab38227d6a601b7b1bb48ccf';
    expect(failedCreatePodSandBoxMessage(id)).toBe(
      `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${id}": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to assign an IP address to container`);
  });
});

describe('kubectl describe pod', () => {
  it('lays out the Type/Reason/From columns of the Events table as in aws/karpenter-provider-aws#3989', () => {
    const rows = [
      'Events:',
      '  Type\tReason\tAge\tFrom\tMessage',
      '  ----\t------\t----\t----\t-------',
      '  Normal\tScheduled\t15m\tdefault-scheduler\tSuccessfully assigned test/ahoy-hello-world-79f545d68-ztz4r to ip-10-1-6-216.eu-west-1.compute.internal',
      '  Warning\tFailedCreatePodSandBox\t15m\tkubelet\tFailed to create pod sandbox: x',
    ].join('\n');
    expect(tabwrite(rows, KUBECTL_DESCRIBE).split('\n').slice(1, 4)).toEqual([
      '  Type     Reason                  Age   From               Message',
      '  ----     ------                  ----  ----               -------',
      '  Normal   Scheduled               15m   default-scheduler  Successfully assigned test/ahoy-hello-world-79f545d68-ztz4r to ip-10-1-6-216.eu-west-1.compute.internal',
    ]);
  });

  it('describes a pod stuck in ContainerCreating with folded sandbox events', () => {
    const n = 'ip-10-0-1-23.us-west-2.compute.internal';
    const p = pod({ phase: 'ContainerCreating', node: n, createdAtMs: 0 });
    const ev = (seq: number, t: number, type: 'Normal' | 'Warning', reason: string, source: string, message: string): SimEvent =>
      ({ seq, timeMs: t, kind: 'k8s', type, reason, object: `pod/default/${p.name}`, message, source, touches: [] });
    const events = [
      ev(1, 0, 'Normal', 'Scheduled', 'default-scheduler', `Successfully assigned default/${p.name} to ${n}`),
      ev(2, 2_000, 'Warning', 'FailedCreatePodSandBox', 'kubelet', 'Failed to create pod sandbox: same'),
      ev(3, 12_000, 'Warning', 'FailedCreatePodSandBox', 'kubelet', 'Failed to create pod sandbox: same'),
    ];
    const out = kubectlDescribePod(snapshot({ timeMs: 20_000, pods: [p] }), events, 'default', p.name);
    const lines = out.split('\n');
    expect(lines.slice(0, 14)).toEqual([
      'Name:             web-7d4b9c8f6-x2x9k',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      'Node:             ip-10-0-1-23.us-west-2.compute.internal/10.0.1.23',
      'Start Time:       Wed, 25 Nov 2026 09:00:00 +0000',
      'Labels:           app=web',
      '                  pod-template-hash=7d4b9c8f6',
      'Annotations:      <none>',
      'Status:           Pending',
      'IP:               ',
      'IPs:              <none>',
      'Controlled By:    ReplicaSet/web-7d4b9c8f6',
      'Containers:',
    ]);
    expect(lines).toContain('  PodReadyToStartContainers   False ');
    expect(lines).toContain('QoS Class:                   BestEffort');
    expect(lines.slice(-5)).toEqual([
      'Events:',
      '  Type     Reason                  Age               From               Message',
      '  ----     ------                  ----              ----               -------',
      `  Normal   Scheduled               20s               default-scheduler  Successfully assigned default/${p.name} to ${n}`,
      '  Warning  FailedCreatePodSandBox  8s (x2 over 18s)  kubelet            Failed to create pod sandbox: same',
    ]);
  });

  it('aligns IPs entries with Controlled By for a running pod', () => {
    const p = pod({ node: 'ip-10-0-1-23.us-west-2.compute.internal', ip: '10.0.1.45' });
    const lines = kubectlDescribePod(snapshot({ pods: [p] }), [], 'default', p.name).split('\n');
    expect(lines).toContain('IPs:');
    expect(lines).toContain('  IP:           10.0.1.45');
    expect(lines).toContain('Controlled By:  ReplicaSet/web-7d4b9c8f6');
    expect(lines.at(-1)).toBe('Events:                      <none>');
  });

  it("lists the pod's node selectors one per line, sorted by key (printLabelsMultiline)", () => {
    const p = pod({ node: 'ip-10-0-1-23.us-west-2.compute.internal', ip: '10.0.1.45', nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' } });
    const lines = kubectlDescribePod(snapshot({ pods: [p] }), [], 'default', p.name).split('\n');
    const at = lines.indexOf('Node-Selectors:              disktype=ssd');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('                             kubernetes.io/os=linux');
    expect(lines[at + 2]).toMatch(/^Tolerations: /);
  });

  it('prints annotations as kubectl does: sorted, a long value under its key, indented and cut at 138 characters', () => {
    // kubectl describe.go printAnnotationsMultiline with maxAnnotationLen = 140.
    const podEni = '[{"eniId":"eni-02e0cdf89f33b9d9b","ifAddress":"0e:bb:1a:16:48:55","privateIp":"192.168.21.94","ipv6Addr":"","vlanId":1,"subnetCidr":"192.168.0.0/19","subnetV6Cidr":"","associationID":"trunk-assoc-050284f08201353c7"}]';
    const p = pod({ name: 'payments-l9pp4ts4w5-zgr6h', node: 'ip-10-0-1-23.us-west-2.compute.internal', phase: 'Running', ip: '192.168.21.94',
      annotations: { 'vpc.amazonaws.com/pod-eni': podEni, 'kubernetes.io/psp': 'eks.privileged' } });
    const lines = kubectlDescribePod(snapshot({ timeMs: 20_000, pods: [p] }), [], 'default', p.name).split('\n');
    const at = lines.findIndex((l) => l.startsWith('Annotations:'));
    expect(lines.slice(at, at + 4)).toEqual([
      'Annotations:      kubernetes.io/psp: eks.privileged',
      '                  vpc.amazonaws.com/pod-eni:',
      `                    ${podEni.slice(0, 138)}...`,
      'Status:           Running',
    ]);
  });

  it("prints the webhook's vpc.amazonaws.com/pod-eni limit and request on the first container", () => {
    // As in the VPC resource controller's troubleshooting guide (docs/troubleshooting.md, "Verify Pod has
    // the resource limit") and a pasted `kubectl describe pod` of an SGP pod: Limits then Requests, one space pad.
    const p = pod({ name: 'payments-l9pp4ts4w5-zgr6h', node: 'ip-10-0-1-23.us-west-2.compute.internal', phase: 'Running', ip: '192.168.21.94', podEni: true });
    const lines = kubectlDescribePod(snapshot({ timeMs: 20_000, pods: [p] }), [], 'default', p.name).split('\n');
    const at = lines.indexOf('    Limits:');
    expect(lines.slice(at, at + 5)).toEqual([
      '    Limits:',
      '      vpc.amazonaws.com/pod-eni:  1',
      '    Requests:',
      '      vpc.amazonaws.com/pod-eni:  1',
      lines[at + 4],
    ]);
    expect(lines[at - 1]).toMatch(/^    Restart Count: +0$/);
    expect(lines[at + 4]).toMatch(/^    Environment: +<none>$/);
    // Extended resources do not count for the QoS class (GetPodQOS looks at cpu and memory only).
    expect(lines).toContain('QoS Class:                   BestEffort');
    const plain = kubectlDescribePod(snapshot({ timeMs: 20_000, pods: [{ ...p, podEni: undefined }] }), [], 'default', p.name);
    expect(plain).not.toContain('Limits:');
  });
});
