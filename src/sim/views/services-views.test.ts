/**
 * The Service and load balancer views against what the real tools print: kubectl's printers
 * (k8s pkg/printers/internalversion/printers.go column sets; describe.go `describeService`
 * field order, as in a captured EKS `kubectl describe svc`), the LBC CRD's printer columns
 * (SERVICE-NAME, SERVICE-PORT, TARGET-TYPE, AGE), and the AWS CLI's JSON (key order of a
 * captured `aws elbv2 describe-target-groups`), plus the command lines a learner types.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';
import { runClusterCommand } from './cluster-command.ts';

const NLB_IP = { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' };

function cluster(at: number) {
  const d = scenario()
    .subnet('subnet-0aaaaaaaaaaaaaaa1', '192.168.0.0/19', { az: 'us-west-2a', tags: { 'kubernetes.io/role/elb': '1' } })
    .subnet('subnet-0bbbbbbbbbbbbbbb2', '192.168.32.0/19', { az: 'us-west-2b', tags: { 'kubernetes.io/role/elb': '1' } })
    .loadBalancerController().nodes('m5.large', 2)
    .deploymentSpec({ name: 'web', replicas: 2, labels: { app: 'web' }, ports: [{ containerPort: 8080, protocol: 'TCP' }] })
    .service({ name: 'web', type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }], annotations: NLB_IP })
    .service({ name: 'db', selector: { app: 'db' }, ports: [{ protocol: 'TCP', port: 5432, targetPort: 5432 }] })
    .runUntil(at);
  const sim = d.engine;
  return (line: string) => runClusterCommand({ snapshot: sim.snapshot(), objects: sim.clusterObjects(), events: sim.eventsSince(0) }, line)!;
}

const lines = (t: string) => t.split('\n');
const columns = (header: string) => header.trim().split(/\s{2,}/);

describe('kubectl get svc,ep,endpointslices', () => {
  it('service columns; EXTERNAL-IP <pending> until the controller writes the hostname, then the hostname; PORT(S) port:nodePort/proto', () => {
    const early = cluster(0.001)('kubectl get svc');
    expect(columns(lines(early)[0])).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    const web = lines(early).find((l) => l.startsWith('web '))!;
    expect(web).toMatch(/^web +LoadBalancer +10\.100\.\d+\.\d+ +<pending> +80:3\d{4}\/TCP +/);
    expect(lines(early).find((l) => l.startsWith('db '))).toMatch(/^db +ClusterIP +10\.100\.\d+\.\d+ +<none> +5432\/TCP +/);
    expect(lines(early).find((l) => l.startsWith('kubernetes '))).toMatch(/^kubernetes +ClusterIP +10\.100\.0\.1 +<none> +443\/TCP +/);
    const later = cluster(30)('kubectl get svc -o wide');
    expect(columns(lines(later)[0]).at(-1)).toBe('SELECTOR');
    expect(lines(later).find((l) => l.startsWith('web '))).toMatch(/ k8s-default-web-[0-9a-f]{10}-[0-9a-f]{16}\.elb\.us-west-2\.amazonaws\.com +80:\d+\/TCP +\S+ +app=web$/);
  });

  it('several kinds: kind/ prefixes, a blank line between tables, the Endpoints deprecation warning first', () => {
    const out = cluster(60)('kubectl get svc,ep,endpointslices');
    const blocks = out.split('\n\n');
    expect(blocks[0].split('\n')[0]).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
    expect(blocks[0].split('\n')[1]).toMatch(/^NAME +TYPE/);
    expect(blocks[0]).toContain('\nservice/web ');
    expect(columns(blocks[1].split('\n')[0])).toEqual(['NAME', 'ENDPOINTS', 'AGE']);
    expect(blocks[1]).toMatch(/\nendpoints\/db +<none> +/);
    expect(blocks[1]).toMatch(/\nendpoints\/web +192\.168\.\d+\.\d+:8080,192\.168\.\d+\.\d+:8080 +/);
    expect(columns(blocks[2].split('\n')[0])).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    // The EndpointSlice controller names slices <service>-<5 random chars>.
    expect(blocks[2]).toMatch(/\nendpointslice\.discovery\.k8s\.io\/web-[a-z0-9]{5} +IPv4 +8080 +192\.168\.\d+\.\d+,192\.168\.\d+\.\d+ +/);
    expect(blocks[2]).toMatch(/\nendpointslice\.discovery\.k8s\.io\/db-[a-z0-9]{5} +IPv4 +<unset> +<unset> +/);
  });

  it('-A adds NAMESPACE and lists kube-dns; an empty namespace says so', () => {
    const out = cluster(10)('kubectl get svc -A');
    expect(columns(lines(out)[0])[0]).toBe('NAMESPACE');
    expect(out).toMatch(/\nkube-system +kube-dns +ClusterIP +10\.100\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP +/);
    expect(cluster(10)('kubectl get svc -n nowhere')).toBe('No resources found in nowhere namespace.');
  });

  it('targetgroupbindings: the CRD printer columns', () => {
    const out = cluster(10)('kubectl get targetgroupbindings');
    expect(columns(lines(out)[0])).toEqual(['NAME', 'SERVICE-NAME', 'SERVICE-PORT', 'TARGET-TYPE', 'AGE']);
    expect(lines(out)[1]).toMatch(/^k8s-default-web-[0-9a-f]{10} +web +80 +ip +\d+s$/);
  });

  it('refuses what kubectl refuses, in its words', () => {
    const run = cluster(1);
    expect(run('kubectl get frobs')).toBe('error: the server doesn\'t have a resource type "frobs"\n');
    expect(run('kubectl get svc -o yaml')).toMatch(/^error: unable to match a printer suitable for the output format "yaml"/);
  });
});

describe('kubectl describe svc', () => {
  it('fields in describeService order (as a captured EKS describe shows them), Internal Traffic Policy after External', () => {
    const out = cluster(30)('kubectl describe svc web');
    const fields = lines(out).map((l) => /^([A-Z][A-Za-z ]+):/.exec(l)?.[1]).filter(Boolean);
    expect(fields).toEqual([
      'Name', 'Namespace', 'Labels', 'Annotations', 'Selector', 'Type', 'IP Family Policy', 'IP Families', 'IP', 'IPs',
      'LoadBalancer Ingress', 'Port', 'TargetPort', 'NodePort', 'Endpoints', 'Session Affinity', 'External Traffic Policy', 'Internal Traffic Policy', 'Events',
    ]);
    // One tabwriter over the page: every value starts in the same column.
    const starts = lines(out).filter((l) => /^[A-Z][A-Za-z ]+:\s+\S/.test(l)).map((l) => /^[^:]+:\s+/.exec(l)![0].length);
    expect(new Set(starts).size).toBe(1);
    expect(out).toMatch(/\nPort: +<unset> +80\/TCP\n/);
    expect(out).toMatch(/\nEndpoints: +192\.168\.\d+\.\d+:8080,192\.168\.\d+\.\d+:8080\n/);
  });
});

describe('aws elbv2', () => {
  it('describe-target-groups: the keys in the order the AWS CLI prints them', () => {
    const doc = JSON.parse(cluster(10)('aws elbv2 describe-target-groups')) as { TargetGroups: Record<string, unknown>[] };
    expect(Object.keys(doc.TargetGroups[0])).toEqual([
      'TargetGroupArn', 'TargetGroupName', 'Protocol', 'Port', 'VpcId', 'HealthCheckProtocol', 'HealthCheckPort', 'HealthCheckEnabled',
      'HealthCheckIntervalSeconds', 'HealthCheckTimeoutSeconds', 'HealthyThresholdCount', 'UnhealthyThresholdCount', 'LoadBalancerArns', 'TargetType', 'IpAddressType',
    ]);
  });

  it('describe-target-health without --target-group-arn takes the only target group; a wrong ARN is TargetGroupNotFound', () => {
    const run = cluster(10);
    const doc = JSON.parse(run('aws elbv2 describe-target-health')) as { TargetHealthDescriptions: { TargetHealth: { State: string; Reason: string } }[] };
    expect(doc.TargetHealthDescriptions.map((t) => t.TargetHealth)).toEqual([
      { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' },
      { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' },
    ]);
    expect(run('aws elbv2 describe-target-health --target-group-arn arn:nope')).toMatch(/^\nAn error occurred \(TargetGroupNotFound\) when calling the DescribeTargetHealth operation: /);
    expect(run('aws elbv2 describe-target-groups --names nope')).toBe('\nAn error occurred (TargetGroupNotFound) when calling the DescribeTargetGroups operation: One or more target groups not found\n');
    expect(run('aws elbv2 frob')).toMatch(/aws: error: argument operation: Invalid choice/);
  });
});
