import { describe, expect, it } from 'vitest';
import { goFloat } from './go-float.ts';
import { metricsPage } from './metrics.ts';
import { counters, eni, node } from './fixtures.test-util.ts';

describe('goFloat (strconv.FormatFloat g -1)', () => {
  it.each([
    [0, '0'], [1, '1'], [225, '225'], [523.4, '523.4'], [123456, '123456'], [1234567, '1.234567e+06'],
    [1e6, '1e+06'], [0.0001, '0.0001'], [0.00001, '1e-05'], [1e21, '1e+21'], [NaN, 'NaN'], [Infinity, '+Inf'],
  ])('%d → %s', (f, want) => expect(goFloat(f)).toBe(want));
});

describe('metricsPage', () => {
  const n = node({
    enis: [eni({ secondaryIps: [{ ip: '10.192.168.34', state: 'assigned', pod: 'default/a' }, { ip: '10.192.168.35', state: 'warm' }] })],
    pool: { totalIPs: 2, assignedIPs: 11, cooldownIPs: 0, availableIPs: 1, totalPrefixes: 0, freePrefixes: 0, maxIPs: 27, maxENIs: 3 },
    counters: counters({
      addIpRequests: 225,
      delIpRequests: { PodDeleted: 7 },
      ec2ApiRequests: { DescribeNetworkInterfaces: 2, AssignPrivateIpAddresses: 3 },
      awsApiLatency: {
        'AssignPrivateIpAddresses|false|200': { count: 3, sumMs: 1234567, samples: [] },
        'AssignPrivateIpAddresses|true|400': { count: 1, sumMs: 80, samples: [] },
      },
      awsApiErrors: { 'AssignPrivateIpAddresses|RequestLimitExceeded': 1 },
    }),
  });
  const page = metricsPage(n);

  it('starts exactly like the real page in aws/amazon-vpc-cni-k8s#2115 (cni-metrics text output)', () => {
    expect(page.startsWith([
      '# HELP awscni_add_ip_req_count The number of add IP address requests',
      '# TYPE awscni_add_ip_req_count counter',
      'awscni_add_ip_req_count 225',
      '# HELP awscni_assigned_ip_addresses The number of IP addresses assigned to pods',
      '# TYPE awscni_assigned_ip_addresses gauge',
      'awscni_assigned_ip_addresses 11',
      '# HELP awscni_assigned_ip_per_cidr The total number of IP addresses assigned per cidr',
      '# TYPE awscni_assigned_ip_per_cidr gauge',
      'awscni_assigned_ip_per_cidr{cidr="10.192.168.34/32"} 1',
    ].join('\n'))).toBe(true);
  });

  it('prints the summary as _sum/_count only, series sorted by label values', () => {
    expect(page).toContain([
      '# HELP awscni_aws_api_latency_ms AWS API call latency in ms',
      '# TYPE awscni_aws_api_latency_ms summary',
      'awscni_aws_api_latency_ms_sum{api="AssignPrivateIpAddresses",error="false",status="200"} 1.234567e+06',
      'awscni_aws_api_latency_ms_count{api="AssignPrivateIpAddresses",error="false",status="200"} 3',
      'awscni_aws_api_latency_ms_sum{api="AssignPrivateIpAddresses",error="true",status="400"} 80',
      'awscni_aws_api_latency_ms_count{api="AssignPrivateIpAddresses",error="true",status="400"} 1',
    ].join('\n'));
    expect(page).toContain('awscni_ec2api_req_count{fn="AssignPrivateIpAddresses"} 3\nawscni_ec2api_req_count{fn="DescribeNetworkInterfaces"} 2\n');
    expect(page).toContain('awscni_aws_api_error_count{api="AssignPrivateIpAddresses",error="RequestLimitExceeded"} 1');
  });

  it('omits labelled families with no series and sorts families by name', () => {
    expect(page).not.toContain('awscni_ipamd_error_count');
    const names = [...page.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    expect(names).toEqual(names.toSorted());
    expect(page.endsWith('awscni_total_ipv4_prefixes 0\n')).toBe(true);
  });
});
