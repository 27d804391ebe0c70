/**
 * `labScript`: a bash script that rebuilds a world in Linux network namespaces — one per
 * node and per pod, plus the VPC and internet stand-ins (fabric.ts). Nodes get the model's
 * links (names, MACs, MTUs), addresses, rules, routes, sysctls, static neighbours and
 * iptables (via iptables-restore). ENIs and vlan.eth.N devices are veths whose peers sit in
 * the VPC namespace (the kernel may lack 802.1Q: e.7).
 *
 * Every namespace is named under the lab's prefix and listed in the script; `--teardown`
 * removes exactly those. Every word is quoted by `shell.ts`, every name checked on the way
 * (README.md, "Threat model"): a world the lab cannot write faithfully is refused, not guessed.
 */
import type { Link, Netns } from '../linux/model.ts';
import type { TraceWorld } from '../trace/world.ts';
import { fabricLines, internetLines } from './fabric.ts';
import { natGatewayLines } from './nat-gateway.ts';
import { fabricLinks, labNamespaces, labNames, type LabNames, type LabPrefix } from './names.ts';
import { checkInt, checkMac, l3Lines, sysctlLines } from './netns-lines.ts';
import { LabRefusal, pipeLines, sh, shComment, shq } from './shell.ts';
import { iptablesRestoreLines, nftLines } from './tool-input.ts';

export { sysctlPath } from './netns-lines.ts';

/** The script's own first line; the guard below checks the file still starts with it. */
const SHEBANG = '#!/usr/bin/env bash';

/**
 * The first lines. Bash runs whatever precedes the guard before the guard can object (npm's
 * banner, written into the file by `npm run sim -- lab … > lab.sh`, starts with `> `, which
 * bash reads as a redirection), so the guard only keeps that from going on to build a lab:
 * it must sit on line 3 (`$LINENO`, which also works for `bash < lab.sh`), and when bash
 * reads a file, that file's first line must be the shebang.
 */
const PREAMBLE = [
  SHEBANG,
  'if [ -z "${BASH_VERSION:-}" ]; then echo "lab: run this script with bash" >&2; exit 2; fi',
  `if [ "$LINENO" != 3 ] || { [ -n "\${BASH_SOURCE[0]:-}" ] && [ "$(head -n 1 -- "\${BASH_SOURCE[0]}")" != ${shq(SHEBANG)} ]; }; then echo "lab: the script does not start with its ${SHEBANG} line (text above it, such as npm's banner, already ran); make it with: npm run -s sim -- lab ..." >&2; exit 2; fi`,
  "# VPC CNI Explorer lab: the scenario's nodes and pods in Linux network namespaces.",
  '# Usage: sudo bash lab.sh            build (tears down any previous copy first)',
  '#        sudo bash lab.sh --teardown remove every namespace this script creates',
  '# Touches only the namespaces listed in NAMESPACES; no packet leaves them.',
  'set -euo pipefail',
];

function ethLinkOf(n: TraceWorld['nodes'][number], device: string): Link {
  const link = n.host.links.find((l) => l.name === device);
  if (!link) throw new LabRefusal(`node ${n.nodeName}: ENI device ${JSON.stringify(device)} is not among its links`);
  return link;
}

/** `address <mac> mtu <n>` of a link, checked. */
/**
 * A device's MAC, MTU and tx queue length as the model holds them: the plugin's veths have none
 * (its LinkAttrs leave TxQLen 0), ENIs and vlan.eth.N 1000 (`ip -d link` compares them).
 */
function linkAttrs(where: string, l: Link): string[] {
  return ['address', checkMac(where, l.mac), 'mtu', checkInt(`${where} mtu`, l.mtu, 68, 65535), 'txqueuelen', checkInt(`${where} txqueuelen`, l.txQueueLen ?? 0, 0, 100000)];
}

function nodeLines(w: TraceWorld, names: LabNames): string[] {
  const links = fabricLinks(w);
  const out: string[] = [];
  for (const n of w.nodes) {
    const lab = names.of(n.nodeName);
    const ipt = n.config.iptablesBackend === 'nft' ? 'iptables-nft-restore' : 'iptables-legacy-restore';
    out.push(shComment(`--- node ${lab}`));
    for (const e of w.fabric.enis.filter((x) => x.node === n.nodeName)) {
      const link = ethLinkOf(n, e.device);
      out.push(sh('ip', '-n', lab, 'link', 'add', 'name', link.name, ...linkAttrs(`${lab} ${link.name}`, link), 'type', 'veth', 'peer', 'name', links.get(e.id)!, 'netns', names.vpc));
    }
    for (const p of n.pods) {
      const podLab = names.of(`${n.nodeName}/${p.namespace}/${p.pod}`);
      const host = n.host.links.find((l) => l.name === p.hostVeth);
      const eth0 = p.links.find((l) => l.kind === 'veth');
      if (!host || !eth0) throw new LabRefusal(`pod ${podLab}: its veth pair is not in the model`);
      out.push(sh('ip', '-n', podLab, 'link', 'add', 'name', eth0.name, ...linkAttrs(`${podLab} ${eth0.name}`, eth0), 'type', 'veth', 'peer', 'name', host.name, ...linkAttrs(`${lab} ${host.name}`, host), 'netns', lab));
    }
    for (const l of n.host.links) if (l.kind !== 'loopback') out.push(sh('ip', '-n', lab, 'link', 'set', 'dev', l.name, 'up'));
    out.push(...sysctlLines(lab, n.host), ...l3Lines(lab, n.host, `node ${lab}`));
    // kube-proxy creates its nfacct counters (over netlink) before it writes rules naming them.
    for (const name of nfacctNames(n.host, `node ${lab}`)) out.push(sh('ip', 'netns', 'exec', lab, 'nfacct', 'add', name));
    const rules = iptablesRestoreLines(n.host, `node ${lab} iptables`);
    if (rules.length) out.push(pipeLines(rules, 'ip', 'netns', 'exec', lab, ipt));
    if (n.awsCniNft) out.push(pipeLines(nftLines(n.awsCniNft, `node ${lab} nft`), 'ip', 'netns', 'exec', lab, 'nft', '-f', '-'));
    for (const p of n.pods) {
      const podLab = names.of(`${n.nodeName}/${p.namespace}/${p.pod}`);
      out.push(shComment(`pod ${podLab}`));
      for (const l of p.links) if (l.kind !== 'loopback') out.push(sh('ip', '-n', podLab, 'link', 'set', 'dev', l.name, 'up'));
      out.push(...sysctlLines(podLab, p), ...l3Lines(podLab, p, `pod ${podLab}`));
    }
  }
  return out;
}

/** The nfacct objects the namespace's rules name (kube-proxy's fixed names; anything else is refused). */
function nfacctNames(ns: Netns, where: string): string[] {
  const names = new Set<string>();
  for (const t of Object.values(ns.netfilter)) {
    for (const c of t.chains) for (const r of c.rules) for (const m of r.matches) if (m.module === 'nfacct') names.add(m.name);
  }
  for (const name of names) if (!/^[A-Za-z0-9_-]{1,31}$/.test(name)) throw new LabRefusal(`${where}: nfacct name ${JSON.stringify(name)} is not one kube-proxy uses`);
  return [...names].toSorted();
}

/** The script, or why this world cannot be written as a lab. */
export type LabScript = { ok: true; script: string; namespaces: string[] } | { ok: false; problem: string };

/** The bash script that recreates the world in network namespaces named under `prefix`. */
export function labScript(w: TraceWorld, prefix: LabPrefix): LabScript {
  try {
    const names = labNames(prefix);
    const all = labNamespaces(w, names);
    const script = [
      ...PREAMBLE,
      `NAMESPACES=(${all.map(shq).join(' ')})`,
      'teardown() { for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done; }',
      'if [ "${1:-}" = "--teardown" ]; then teardown; exit 0; fi',
      'teardown',
      'trap \'echo "lab: setup failed at line $LINENO; tearing down" >&2; teardown\' ERR',
      'for ns in "${NAMESPACES[@]}"; do ip netns add "$ns"; ip -n "$ns" link set dev lo up; done',
      ...nodeLines(w, names),
      ...internetLines(w, names),
      ...fabricLines(w, names),
      ...natGatewayLines(w, names),
      'trap - ERR',
      `echo ${shq(`lab: ready (${all.length} namespaces named ${prefix}-*)`)}`,
      '',
    ].join('\n');
    return { ok: true, script, namespaces: all };
  } catch (e) {
    if (e instanceof LabRefusal) return { ok: false, problem: e.message };
    throw e;
  }
}
