/**
 * The lab script, channel by channel: what it builds (MACs, proxy ARP, rules), and that each
 * place a scenario string reaches — interface names in `ip` commands, sysctl paths, the
 * iptables-restore and nft input, namespace names, the first line — quotes it, checks it, or
 * refuses the lab. Hostile cases run the script with bash under stand-ins (scripts/lab-standins.ts).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runWithStandins, type StandinRun } from '../../../scripts/lab-standins.ts';
import { buildNodeNetwork } from '../linux/build.ts';
import type { NodeNetworkInput } from '../linux/input.ts';
import type { NodeNetwork } from '../linux/model.ts';
import { comment, rule } from '../linux/netfilter.ts';
import { exampleInputs, exampleSgpInputs } from '../trace/example-world.ts';
import { renderAwsCniNft } from '../trace/nft-connmark.ts';
import { buildWorld, type TraceWorld } from '../trace/world.ts';
import { labPrefix, type LabPrefix } from './names.ts';
import { labScript, sysctlPath } from './script.ts';

const prefix = (text: string): LabPrefix => {
  const p = labPrefix(text);
  if (!p.ok) throw new Error(p.problem);
  return p.prefix;
};
const P = prefix('vcx-t');

function world(inputs: NodeNetworkInput[], mutate?: (nodes: NodeNetwork[]) => void): TraceWorld {
  const nodes = inputs.map(buildNodeNetwork);
  mutate?.(nodes);
  return buildWorld(nodes, { inputs });
}

function scriptOf(w: TraceWorld): string {
  const lab = labScript(w, P);
  if (!lab.ok) throw new Error(lab.problem);
  return lab.script;
}

/** A refusal's message, or a failure if the lab was written. */
function refusal(w: TraceWorld): string {
  const lab = labScript(w, P);
  if (lab.ok) throw new Error('expected the lab to be refused');
  return lab.problem;
}

const sgp = scriptOf(world(exampleSgpInputs('strict')));

/** One node with an extra INPUT rule carrying `text` as its comment. */
const commented = (text: string) =>
  world(exampleInputs().slice(0, 1), (nodes) => nodes[0].host.netfilter.filter.chains[0].rules.push(rule({ matches: [comment(text)], target: { kind: 'ACCEPT' } })));
/** One nf_tables node with this veth prefix. */
const nft = (vethPrefix: string) => exampleInputs({ AWS_VPC_K8S_CNI_VETHPREFIX: vethPrefix }).slice(0, 1).map((i) => ({ ...i, iptablesBackend: 'nft' as const }));

describe('labScript: what it builds', { timeout: 120_000 }, () => {
  it('is valid bash', () => {
    const r = spawnSync('bash', ['-n'], { input: sgp, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('gives ENIs and the vlan stand-in their MACs, and the VPC proxy ARP without delay (e.4, e.7)', () => {
    expect(sgp).toContain('ip -n vcx-t-node-a link add name eth1 address 0a:5b:3c:d1:e2:02 mtu 9001 txqueuelen 1000 type veth peer name n0.1 netns vcx-t-vpc');
    expect(sgp).toContain('ip -n vcx-t-node-a link add name vlan.eth.1 address 0a:5b:3c:d1:e2:b1');
    expect(sgp).toContain("printf '%s\\n' 0 | ip netns exec vcx-t-vpc tee -- /proc/sys/net/ipv4/neigh/n0.0/proxy_delay >/dev/null");
    expect(sgp).toContain("printf '%s\\n' 1 | ip netns exec vcx-t-vpc tee -- /proc/sys/net/ipv4/conf/n0.0/proxy_arp >/dev/null");
  });

  it('restores the CNI rules and moves the local rule for strict SGP', () => {
    expect(sgp).toContain(`'-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.64 --random-fully'`);
    expect(sgp).toContain('ip -n vcx-t-node-a rule del priority 0');
    expect(sgp).toContain('ip -n vcx-t-node-a rule add priority 20 lookup local');
  });

  it('creates the nfacct counters kube-proxy\'s rules name before restoring the rules', () => {
    const add = sgp.indexOf('ip netns exec vcx-t-node-a nfacct add ct_state_invalid_dropped_pkts');
    expect(add).toBeGreaterThan(0);
    expect(add).toBeLessThan(sgp.indexOf('ip netns exec vcx-t-node-a iptables-legacy-restore'));
  });

  it('writes sysctls of dotted device names through /proc, inside the namespace, with tee', () => {
    expect(sysctlPath('net.ipv4.conf.vlan.eth.1.rp_filter')).toBe('/proc/sys/net/ipv4/conf/vlan.eth.1/rp_filter');
    expect(sysctlPath('net.ipv4.ip_forward')).toBe('/proc/sys/net/ipv4/ip_forward');
    expect(sgp).toContain("printf '%s\\n' 1 | ip netns exec vcx-t-node-a tee -- /proc/sys/net/ipv4/conf/vlan.eth.1/rp_filter >/dev/null");
  });

  it('has no inner shell and no heredoc: nothing parses a value twice, no end marker to forge', () => {
    expect(sgp).not.toMatch(/\bsh -c\b|\bbash -c\b|\beval\b/);
    expect(sgp).not.toContain('<<');
  });

  it('names every namespace under its prefix and tears down exactly those', () => {
    const r = runWithStandins(sgp, ['--teardown']);
    expect(r.code).toBe(0);
    const lab = labScript(world(exampleSgpInputs('strict')), P);
    expect(lab.ok && lab.namespaces.every((n) => n.startsWith('vcx-t-'))).toBe(true);
    expect(r.calls.map((c) => c.argv)).toEqual((lab.ok ? lab.namespaces : []).map((ns) => ['ip', 'netns', 'del', ns]));
  });
});

// Runs under the stand-ins spawn a process per command: slow on a busy 2-core machine.
describe('hostile strings, channel by channel', { timeout: 120_000 }, () => {
  // Names the kernel accepts (no whitespace, "/" or ":"), each a shell payload.
  const dollar = '$(echo>PWNED)';
  const tick = '`echo>PWNED`';
  const hostile = () => {
    const inputs = exampleInputs({ AWS_VPC_K8S_CNI_VETHPREFIX: "'$(" });
    inputs[0].pods[0].hostVethName = dollar;
    inputs[0].pods[1].hostVethName = tick;
    return inputs;
  };
  // One run under the stand-ins, shared by the tests that read it (each run spawns ~200 processes).
  let shared: { script: string; run: StandinRun } | undefined;
  const hostileRun = () => {
    if (!shared) {
      const script = scriptOf(world(hostile()));
      shared = { script, run: runWithStandins(script) };
    }
    return shared;
  };

  it('veth names: quoted in ip link and every command naming them; bash runs no payload', () => {
    const { script, run: r } = hostileRun();
    expect(script).toContain(`peer name '${dollar}'`);
    expect(script).toContain(`ip -n vcx-t-node-a link set dev '${tick}' up`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.strayFiles).toEqual([]);
    const adds = r.calls.filter((c) => c.argv.includes('peer')).map((c) => c.argv[c.argv.indexOf('peer') + 2]);
    expect(adds).toEqual(expect.arrayContaining([dollar, tick]));
    // The env prefix reached the plugin-named veths of node B, and the iptables interface match.
    expect(adds.some((n) => n.startsWith("'$("))).toBe(true);
    expect(r.calls.some((c) => c.argv.includes('route') && c.argv.includes(dollar))).toBe(true);
  });

  it('sysctl paths: the device part is a link of the namespace, the path one quoted word for tee', () => {
    const r = hostileRun().run;
    const tee = r.calls.find((c) => c.argv.includes('tee') && c.argv.at(-1)!.includes(dollar))!;
    expect(tee.argv).toEqual(['ip', 'netns', 'exec', 'vcx-t-node-a', 'tee', '--', `/proc/sys/net/ipv4/conf/${dollar}/rp_filter`]);
    expect(tee.stdin).toBe('1\n');
    const w = world(exampleInputs(), (nodes) => (nodes[0].host.sysctls['net.ipv4.conf.nope.rp_filter'] = '1'));
    expect(refusal(w)).toMatch(/sysctl "net\.ipv4\.conf\.nope\.rp_filter".*no device "nope"/);
    const v = world(exampleInputs(), (nodes) => (nodes[0].host.sysctls['net.ipv4.ip_forward'] = '1; echo>PWNED'));
    expect(refusal(v)).toMatch(/is not an integer/);
  });

  it('iptables-restore input: one printf argument per line; the interface match holds the env prefix', () => {
    const r = hostileRun().run;
    const restore = r.calls.filter((c) => c.argv[4] === 'iptables-legacy-restore');
    expect(restore).toHaveLength(2);
    expect(restore[0].stdin).toContain(`-A PREROUTING -i '$(+ -m comment --comment "AWS, outbound connections" -j AWS-CONNMARK-CHAIN-0\n`);
    for (const line of restore[0].stdin.trimEnd().split('\n')) expect(line).toMatch(/^(\*(raw|mangle|nat|filter)|:[A-Z][A-Z0-9-]* (ACCEPT|DROP|-) \[0:0\]|-A \S+ .+|COMMIT)$/);
  });

  it('comments are written as iptables-save quotes them; a newline, NUL or > 255 bytes is refused', () => {
    // iptables 1.8.9 here saved these as: "a\"b", "a\\b", "a\'b", "a$(x)b"; restoring them gave the same rules back.
    const r = runWithStandins(scriptOf(commented(`a"b\\c'd${dollar}EOF_IPT`)));
    expect(r.strayFiles).toEqual([]);
    expect(r.calls.find((c) => c.argv[4] === 'iptables-legacy-restore')!.stdin).toContain(`-A INPUT -m comment --comment "a\\"b\\\\c\\'d${dollar}EOF_IPT" -j ACCEPT\n`);
    expect(refusal(commented('ok\nCOMMIT\n*filter\n-A INPUT -j DROP'))).toMatch(/^node vcx-t-node-a iptables table filter chain INPUT rule \d+: comment "ok\\nCOMMIT/);
    expect(refusal(commented('a\0b'))).toMatch(/holds a newline or NUL/);
    expect(refusal(commented('x'.repeat(256)))).toMatch(/longer than iptables keeps \(255 bytes\)/);
  });

  it('refuses a node whose kube-proxy runs in IPVS mode (ipsets and virtual servers are not built)', () => {
    const ipvs = world(exampleInputs(), (nodes) => { nodes[0].host.ipsets = []; });
    expect(refusal(ipvs)).toMatch(/kube-proxy runs in IPVS mode \(cluster\.kubeProxyMode "ipvs"\): the lab builds iptables-mode nodes only$/);
  });

  it('interface matches and chain names iptables-save cannot round-trip are refused', () => {
    // Checked here: `-i a"b+` saved and restored came back as `ab+ -j ACCEPT`.
    expect(refusal(world(exampleInputs({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a\\"' })))).toMatch(/interface match "a\\\\\\"\+" cannot be written for iptables-restore/);
    const chained = world(exampleInputs(), (nodes) => nodes[0].host.netfilter.nat.chains.push({ name: 'X Y', packets: 0, bytes: 0, rules: [] }));
    expect(refusal(chained)).toMatch(/"X Y" cannot be an iptables chain name/);
    const dnat = world(exampleInputs(), (nodes) => nodes[0].host.netfilter.nat.chains[0].rules.push(rule({ target: { kind: 'DNAT', toDestination: '1.2.3.4:80 -j DROP' } })));
    expect(refusal(dnat)).toMatch(/DNAT destination/);
  });

  it('nft input: the prefix must be expressible inside nft\'s double quotes', () => {
    const w = world(nft("'$("));
    const r = runWithStandins(scriptOf(w));
    const fed = r.calls.find((c) => c.argv.slice(4).join(' ') === 'nft -f -')!;
    expect(fed.stdin).toBe(`${renderAwsCniNft(w.nodes[0].awsCniNft!)}\n`);
    expect(fed.stdin).toContain(`iifname "'$(*" counter jump snat-mark`);
    // iptables takes `-i a*+`; inside nft's quotes a `*` would make it another match.
    expect(refusal(world(nft('a*')))).toMatch(/veth prefix "a\*" cannot be written as an nft iifname match/);
  });

  it('MACs and MTUs are checked before they are printed', () => {
    const badMac = exampleInputs();
    badMac[0].enis[1].mac = '0a:5b:3c:d1:e2:02 up; echo';
    expect(refusal(world(badMac))).toMatch(/is not a MAC address/);
    expect(refusal(world(exampleInputs({ AWS_VPC_ENI_MTU: '70000' })))).toMatch(/70000 is not an integer from 68 to 65535/);
  });

  it('node and pod names become namespace names of letters, digits, "_", "." and "-" only', () => {
    const inputs = exampleInputs();
    inputs[0].nodeName = `a;b${dollar}`;
    const lab = labScript(world(inputs), P);
    expect(lab.ok && lab.namespaces).toContain('vcx-t-a-b--echo-PWNED-');
  });
});

describe('the first lines guard the rest', () => {
  it('refuses to run with anything above the shebang (npm\'s banner), before any ip call', () => {
    const banner = '\n> vpc-cni-explorer@0.1.0 sim\n> tsx src/cli/main.ts lab x\n\n';
    const r = runWithStandins(banner + sgp);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lab: the script does not start with its #!/usr/bin/env bash line');
    expect(r.calls).toEqual([]);
  });

  it('refuses the banner when bash reads the script from stdin too ($LINENO, there being no file to read)', () => {
    const r = runWithStandins(`\n> vpc-cni-explorer@0.1.0 sim\n> tsx src/cli/main.ts lab x\n\n${sgp}`, [], true);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lab: the script does not start with its #!/usr/bin/env bash line');
    expect(r.calls).toEqual([]);
  });

  it('refuses a first line that is not the shebang, even one line long', () => {
    const r = runWithStandins(sgp.replace('#!/usr/bin/env bash\n', '#!/bin/bash -x\n'));
    expect(r.code).toBe(2);
    expect(r.calls).toEqual([]);
  });

  it('runs from stdin too (bash -s < lab.sh): $LINENO still counts its lines', () => {
    const r = spawnSync('bash', ['-s', '--', '--teardown'], { input: sgp.replaceAll('ip netns del', 'echo del'), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('del vcx-t-vpc');
  });
});
