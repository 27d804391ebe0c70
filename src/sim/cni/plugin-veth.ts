/**
 * The aws-cni plugin's side of a CNI ADD that the pool does not decide: loading its config
 * from the conflist, and creating the pod's veth pair (cmd/routed-eni-cni-plugin cni.go and
 * driver/driver.go). Either can fail for a value the aws-node start-up checks let through; the
 * error texts are the plugin's wrapped errors, as kubelet's FailedCreatePodSandBox shows them.
 */
import { checkIfName, type IfNameVerdict } from '../linux/ifname.ts';
import { hostVethName } from '../linux/names.ts';
import type { AwsNodeEnv } from '../spec.ts';
import { readConflist } from './conflist.ts';
import { goQuote } from './go-parse.ts';

/**
 * `LoadNetConf` before AddNetwork: the error every CNI ADD returns while the conflist holds a
 * config the plugin refuses, or undefined. An unparsable conflist is not the plugin's problem:
 * aws-node then never starts (see `startupError`).
 */
export function pluginConfError(env: AwsNodeEnv): string | undefined {
  const c = readConflist(env);
  if (!c.ok || c.conf.loadError === undefined) return undefined;
  return `add cmd: error loading config from args: ${c.conf.loadError}`;
}

/**
 * The host-side veth the plugin asks the kernel for, and whether it gets it: the conflist's
 * vethPrefix (after JSON unescaping), or `vlan` for branch-ENI pods in strict mode
 * (`sgpp.BuildHostVethNamePrefix`), plus 11 hex digits of SHA-1("<ns>.<pod>") (`hostVethName`).
 * Returns the prefix, not the name: hex digits never change the kernel's verdict except after a
 * `%`, so the verdict is kept per prefix and the SHA-1 left to whoever needs the name.
 */
export function pluginHostVeth(
  env: AwsNodeEnv,
  namespace: string,
  pod: string,
  branch: boolean,
): { ok: true; prefix: string } | { ok: false; error: string } {
  const c = readConflist(env);
  const conf = c.ok ? c.conf : { vethPrefix: 'eni', podSGEnforcingMode: 'strict' };
  const prefix = branch && conf.podSGEnforcingMode !== 'standard' ? 'vlan' : conf.vethPrefix;
  const verdict = prefix.includes('%') ? checkIfName(hostVethName(prefix, namespace, pod)) : verdictFor(prefix);
  if (verdict.ok) return { ok: true, prefix };
  const setup = branch ? 'SetupBranchENIPodNetwork' : 'SetupPodNetwork';
  // netlink.LinkAdd gets EINVAL from register_netdevice; a "%d" name is created under a
  // number instead, so the plugin's LinkByName of the name it asked for finds nothing.
  const cause =
    verdict.errno === 'EINVAL'
      ? 'invalid argument'
      : `setup NS network: failed to find host link ${goQuote(hostVethName(prefix, namespace, pod))}: Link not found`;
  return { ok: false, error: `add command: failed to setup network: ${setup}: failed to setup veth pair: failed to setup veth network: ${cause}` };
}

/** The kernel's verdict on `<prefix><11 hex digits>` for a prefix without `%` (the digits are always fine). */
const verdicts = new Map<string, IfNameVerdict>();
function verdictFor(prefix: string): IfNameVerdict {
  let v = verdicts.get(prefix);
  if (!v) {
    v = checkIfName(`${prefix}00000000000`);
    // Prefixes come from env values; keep the map small whatever a timeline does.
    if (verdicts.size > 64) verdicts.clear();
    verdicts.set(prefix, v);
  }
  return v;
}
