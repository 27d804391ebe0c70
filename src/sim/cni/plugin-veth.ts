/**
 * The aws-cni plugin's side of a CNI ADD that the pool does not decide: loading its config
 * from the conflist, and creating the pod's veth pair (cmd/routed-eni-cni-plugin cni.go and
 * driver/driver.go). Either can fail for a value the aws-node start-up checks let through; the
 * error texts are the plugin's wrapped errors, as kubelet's FailedCreatePodSandBox shows them.
 */
import { checkIfName, ifName, type IfName } from '../linux/ifname.ts';
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
 * The host-side veth name the plugin asks the kernel for, and whether it gets it: the
 * conflist's vethPrefix (after JSON unescaping), or `vlan` for branch-ENI pods in strict
 * mode (`sgpp.BuildHostVethNamePrefix`), plus 11 hex digits of SHA-1("<ns>.<pod>").
 */
export function pluginHostVeth(
  env: AwsNodeEnv,
  namespace: string,
  pod: string,
  branch: boolean,
): { ok: true; name: IfName } | { ok: false; error: string } {
  const c = readConflist(env);
  const conf = c.ok ? c.conf : { vethPrefix: 'eni', podSGEnforcingMode: 'strict' };
  const prefix = branch && conf.podSGEnforcingMode !== 'standard' ? 'vlan' : conf.vethPrefix;
  const name = hostVethName(prefix, namespace, pod);
  const verdict = checkIfName(name);
  if (verdict.ok) return { ok: true, name: ifName(name) };
  const setup = branch ? 'SetupBranchENIPodNetwork' : 'SetupPodNetwork';
  // netlink.LinkAdd gets EINVAL from register_netdevice; a "%d" name is created under a
  // number instead, so the plugin's LinkByName of the name it asked for finds nothing.
  const cause = verdict.errno === 'EINVAL' ? 'invalid argument' : `setup NS network: failed to find host link ${goQuote(name)}: Link not found`;
  return { ok: false, error: `add command: failed to setup network: ${setup}: failed to setup veth pair: failed to setup veth network: ${cause}` };
}
