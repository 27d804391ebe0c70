/**
 * `trace` and `show` on a bundled sample, in-process: the command functions, and
 * `main` for the exit code and stderr of a user mistake.
 */
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.ts';
import { runCli } from '../cli.test-support.ts';
import { command as showCommand } from './show.ts';
import { command as traceCommand } from './trace.ts';
import { SAMPLE_NAMES } from '../../scenario/index.ts';
import { renderView } from '../../sim/linux/render/index.ts';
import { worldAt } from './trace.ts';

const SAMPLE = 'default-m5-large';
type Command = typeof traceCommand;
/** A command's output as one string; a throw becomes a rejection, as through `main`. */
const text = (command: Command) => async (args: string[]) => {
  const out = await command(args);
  return typeof out === 'string' ? out : [...out].join('');
};
const trace = text(traceCommand);
const show = text(showCommand);

describe('trace', () => {
  it('prints the hops of a pod-to-internet packet and its reply as JSON', async () => {
    const show0 = await show([SAMPLE, '--node', 'ip-192-168-19-39.us-west-2.compute.internal', 'ip', 'rule']);
    const pod = /to (\S+) lookup main/.exec(show0)![1];
    const out = JSON.parse(await trace([SAMPLE, '--from', 'ip-192-168-19-39.us-west-2.compute.internal', '--to', `${pod}:8080`]));
    expect(out.request).toMatchObject({ proto: 'tcp', dport: 8080 });
    expect(out.delivered && out.replied).toBe(true);
    expect(out.hops[0]).toHaveProperty('where');
  });

  it('refuses bad input with one clear CliError', async () => {
    await expect(trace([SAMPLE, '--from', 'nope', '--to', '1.2.3.4'])).rejects.toThrow(CliError);
    await expect(trace([SAMPLE, '--from', 'external', '--to', '1.2.3.4', '--proto', 'sctp'])).rejects.toThrow(/--proto must be tcp, udp or icmp/);
    await expect(trace([SAMPLE, '--from', 'external', '--to', '1.2.3.4:99999'])).rejects.toThrow(/port must be 1-65535/);
    await expect(trace([SAMPLE, '--to', '1.2.3.4'])).rejects.toThrow(/missing --from/);
  });

  it('exits 2 with the message on stderr', async () => {
    const r = await runCli(['trace', SAMPLE, '--from', 'nope', '--to', '1.2.3.4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown source "nope"/);
    // The value the tracer could not resolve is quoted the CLI's way: escaped and cut.
    const hostile = await runCli(['trace', SAMPLE, '--from', `x\u001b[2J${'y'.repeat(500)}`, '--to', '1.2.3.4']);
    expect(hostile.stderr).toMatch(/^error: unknown source "x\\u001b\[2Jy+…" \(505 characters\)/);
  });
});

describe('show', () => {
  it('renders a view of the node and of a pod namespace', async () => {
    const node = 'ip-192-168-19-39.us-west-2.compute.internal';
    expect(await show([SAMPLE, '--node', node, 'ip', 'rule'])).toMatch(/^0:\tfrom all lookup local\n/);
    expect(await show([SAMPLE, '--node', node, 'iptables', '-t', 'nat', '-S'])).toContain('-N AWS-SNAT-CHAIN-0');
    expect(await show([SAMPLE, '--node', node, 'ip', 'route', 'show', 'table', '2'])).toMatch(/^default via 192\.168\.0\.1 dev ens6/);
    await expect(show([SAMPLE, '--node', 'nope', 'ip', 'rule'])).rejects.toThrow(/no node "nope"/);
    await expect(show([SAMPLE, '--node', node, 'ip', 'frob'])).rejects.toThrow(/unknown view "ip frob"/);
  });
});

describe('services and load balancers from the CLI', () => {
  it('show reaches the kubectl and aws elbv2 views without --node', async () => {
    const health = JSON.parse(await show(['nlb-ip-targets', 'aws elbv2 describe-target-health', '--at', '300']));
    expect(health.TargetHealthDescriptions.map((t: { TargetHealth: { State: string } }) => t.TargetHealth.State)).toEqual(['healthy', 'healthy']);
    expect(await show(['nlb-ip-targets', 'kubectl', 'get', 'svc', '-n', 'ui', '--at', '300'])).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\nui-nlb +LoadBalancer /);
    await expect(show([SAMPLE, 'iptables -t nat -S'])).rejects.toThrow(/runs on a node: give --node/);
  });

  it('show --node <n> \'iptables -t nat -S\' lists the kubernetes and kube-dns service chains on every node of every sample', { timeout: 120_000 }, async () => {
    for (const sample of SAMPLE_NAMES) {
      for (const node of worldAt(sample, '60').nodes) {
        const nat = await show([sample, '--node', node.nodeName, 'iptables -t nat -S', '--at', '60']);
        expect(nat).toBe(renderView(node, 'iptables -t nat -S'));
        // EKS's service range: 10.100.0.0/16, or 172.20.0.0/16 when the VPC is in 10.0.0.0/8.
        expect(nat).toMatch(/\n-A KUBE-SERVICES -d (10\.100|172\.20)\.0\.1\/32 -p tcp -m comment --comment "default\/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y\n/);
        expect(nat).toMatch(/\n-A KUBE-SERVICES -d (10\.100|172\.20)\.0\.10\/32 -p udp -m comment --comment "kube-system\/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU\n/);
      }
    }
  });

  it('trace --count shows the spread; --to takes a load balancer by its object or DNS name', async () => {
    const text = await trace(['nlb-ip-targets', '--from', 'internet', '--to', 'loadbalancer:ui/ui-nlb:80', '--at', '310', '--count', '100', '--transcript']);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('100 connections: 100 delivered, 100 answered');
    expect(lines.slice(1).map((l) => Number(l.trim().split(/ +/)[0])).reduce((a, b) => a + b, 0)).toBe(100);
    await expect(trace(['nlb-ip-targets', '--from', 'internet', '--to', 'loadbalancer:ui/ui-nlb:80', '--count', '0'])).rejects.toThrow(/--count must be a whole number from 1 to 1000/);
    await expect(trace(['nlb-ip-targets', '--from', 'internet', '--to', 'k8s-nope.elb.us-west-2.amazonaws.com:80', '--at', '310'])).rejects.toThrow(/unknown destination/);
  });

  it('trace --from internet --to <the DNS name kubectl shows>:80 reaches a pod: the NLB straight to its IP, the ALB too', async () => {
    // As a learner does: the EXTERNAL-IP column of kubectl get svc, the ADDRESS of kubectl get ingress.
    const nlb = (await show(['nlb-ip-targets', 'kubectl get svc ui-nlb -n ui', '--at', '310'])).split('\n')[1].split(/ +/)[3];
    expect(nlb).toMatch(/^k8s-ui-uinlb-[0-9a-f]{10}-[0-9a-f]{16}\.elb\.us-west-2\.amazonaws\.com$/);
    const walk = JSON.parse(await trace(['nlb-ip-targets', '--from', 'internet', '--to', `${nlb}:80`, '--at', '310']));
    expect(walk.delivered && walk.replied).toBe(true);
    expect(walk.endpoint.pod).toMatch(/^ui\/ui-/);
    expect(walk.endpoint.port).toBe(8080);
    // IP targets over TCP: the target group keeps preserve_client_ip.enabled=false, so the pod sees the NLB's private address.
    expect(walk.hops[1].note).toMatch(/source becomes the NLB node's private IP 192\.168\.\d+\.\d+ \(preserve_client_ip\.enabled=false\)/);
    const alb = (await show(['alb-ingress', 'kubectl get ingress -n ui', '--at', '310'])).split('\n')[1].split(/ +/)[3];
    expect(alb).toMatch(/^k8s-ui-ui-[0-9a-f]{10}-\d+\.us-west-2\.elb\.amazonaws\.com$/);
    const spread = (await trace(['alb-ingress', '--from', 'internet', '--to', `${alb}:80`, '--at', '310', '--count', '100', '--transcript'])).trim().split('\n');
    expect(spread[0]).toBe('100 connections: 100 delivered, 100 answered');
    expect(spread.slice(1).map((l) => l.trim().split(/ +/)[1]).every((p) => p.startsWith('ui/ui-'))).toBe(true);
  });
});
