/**
 * The CNI configuration aws-node writes for containerd (/etc/cni/net.d/10-aws.conflist) and
 * what the aws-cni plugin reads back from it.
 *
 * aws-node's `generateJSON` (cmd/aws-vpc-cni/main.go) does not build JSON: it pastes env
 * values into a template with `strings.Replace`, one placeholder after the other, then
 * checks that the result parses (`isValidJSON`; on failure `log.Fatalf`, the container exits
 * 1 → CrashLoopBackOff). So a value is JSON source, not data: `"` in any of them breaks the
 * file, `\t` (backslash, t) in AWS_VPC_K8S_CNI_VETHPREFIX reaches the plugin as a TAB, and a
 * plugin log file of `x", "vethPrefix": "abcdef` gives the plugin another prefix (the last
 * duplicate key wins in Go as in JSON.parse). This module reproduces that, in the same order.
 */
import type { AwsNodeEnv } from '../spec.ts';
import { utf8Length } from '../linux/ifname.ts';

/** The aws-cni plugin's part of the template, placeholders in upstream's key order. */
const TEMPLATE = `{
  "cniVersion": "0.4.0",
  "name": "aws-cni",
  "disableCheck": true,
  "plugins": [
    {
      "name": "aws-cni",
      "type": "aws-cni",
      "vethPrefix": "__VETHPREFIX__",
      "mtu": "__MTU__",
      "podSGEnforcingMode": "__PODSGENFORCINGMODE__",
      "pluginLogFile": "__PLUGINLOGFILE__",
      "pluginLogLevel": "__PLUGINLOGLEVEL__",
      "capabilities": {"io.kubernetes.cri.pod-annotations": true}
    },
    {
      "name": "egress-cni",
      "type": "egress-cni",
      "mtu": "__MTU__",
      "enabled": "__EGRESSPLUGINENABLED__",
      "randomizeSNAT": "__RANDOMIZESNAT__",
      "nodeIP": "__NODEIP__",
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "__EGRESSPLUGINIPAMSUBNET__"}]],
        "routes": [{"dst": "__EGRESSPLUGINIPAMDST__"}],
        "dataDir": "__EGRESSPLUGINIPAMDATADIR__"
      },
      "pluginLogFile": "__EGRESSPLUGINLOGFILE__",
      "pluginLogLevel": "__PLUGINLOGLEVEL__"
    },
    {"type": "portmap", "capabilities": {"portMappings": true}, "snat": true}
  ]
}`;

/** `utils.GetEnv`: a variable that is set (even to "") wins over the default. */
const getEnv = (env: AwsNodeEnv, name: string, fallback: string) => env[name] ?? fallback;

/** The placeholders in the order generateJSON replaces them, with the env variable behind each. */
function substitutions(env: AwsNodeEnv): [placeholder: string, value: string, variable: string][] {
  const eniMtu = getEnv(env, 'AWS_VPC_ENI_MTU', '9001');
  // An IPv4 cluster: the egress plugin is the IPv6 one, enabled only by ENABLE_V6_EGRESS (and
  // then disabled again for want of a node IPv6 address, which the simulator never has).
  return [
    ['__VETHPREFIX__', getEnv(env, 'AWS_VPC_K8S_CNI_VETHPREFIX', 'eni'), 'AWS_VPC_K8S_CNI_VETHPREFIX'],
    ['__MTU__', getEnv(env, 'POD_MTU', eniMtu), env.POD_MTU !== undefined ? 'POD_MTU' : 'AWS_VPC_ENI_MTU'],
    ['__PODSGENFORCINGMODE__', getEnv(env, 'POD_SECURITY_GROUP_ENFORCING_MODE', 'strict'), 'POD_SECURITY_GROUP_ENFORCING_MODE'],
    ['__PLUGINLOGFILE__', getEnv(env, 'AWS_VPC_K8S_PLUGIN_LOG_FILE', '/var/log/aws-routed-eni/plugin.log'), 'AWS_VPC_K8S_PLUGIN_LOG_FILE'],
    ['__PLUGINLOGLEVEL__', getEnv(env, 'AWS_VPC_K8S_PLUGIN_LOG_LEVEL', 'Debug'), 'AWS_VPC_K8S_PLUGIN_LOG_LEVEL'],
    ['__EGRESSPLUGINLOGFILE__', getEnv(env, 'AWS_VPC_K8S_EGRESS_V6_PLUGIN_LOG_FILE', '/var/log/aws-routed-eni/egress-v6-plugin.log'), 'AWS_VPC_K8S_EGRESS_V6_PLUGIN_LOG_FILE'],
    ['__EGRESSPLUGINENABLED__', 'false', ''],
    ['__EGRESSPLUGINIPAMSUBNET__', 'fd00::ac:00/118', ''],
    ['__EGRESSPLUGINIPAMDST__', '::/0', ''],
    ['__EGRESSPLUGINIPAMDATADIR__', '/run/cni/v4pd/egress-v6-ipam', ''],
    ['__RANDOMIZESNAT__', getEnv(env, 'AWS_VPC_K8S_CNI_RANDOMIZESNAT', 'prng'), 'AWS_VPC_K8S_CNI_RANDOMIZESNAT'],
    ['__NODEIP__', '', ''],
  ];
}

/** The conflist text as generateJSON writes it (before the optional bandwidth/tuning chaining). */
export function renderConflist(env: AwsNodeEnv): string {
  let text = TEMPLATE;
  for (const [placeholder, value] of substitutions(env)) text = text.replaceAll(placeholder, value);
  return text;
}

/** What the aws-cni plugin reads from the conflist (its NetConf). */
export interface PluginConf {
  vethPrefix: string;
  podSGEnforcingMode: string;
  /** Set when the plugin's LoadNetConf fails: every CNI ADD then fails with it, before AddNetwork. */
  loadError?: string;
}

/** The env variable whose value alone cannot sit inside a JSON string (the likely culprit). */
function culprit(env: AwsNodeEnv): string | undefined {
  for (const [, value, variable] of substitutions(env)) {
    if (!variable) continue;
    try {
      JSON.parse(`"${value}"`);
    } catch {
      return `${variable}=${JSON.stringify(value)}`;
    }
  }
  return undefined;
}

/**
 * Parses the conflist like aws-node's `isValidJSON` and the plugin's `LoadNetConf`. An error
 * means aws-node exits 1 after starting ipamd (generateJSON's `log.Fatalf`).
 */
export function readConflist(env: AwsNodeEnv): ConflistResult {
  // Asked for at every CNI ADD: one parse per env object (an aws-node start makes a new one).
  let r = parsed.get(env);
  if (!r) parsed.set(env, (r = parseConflist(env)));
  return r;
}

type ConflistResult = { ok: true; conf: PluginConf } | { ok: false; error: string };
const parsed = new WeakMap<AwsNodeEnv, ConflistResult>();

function parseConflist(env: AwsNodeEnv): ConflistResult {
  let doc: unknown;
  try {
    doc = JSON.parse(renderConflist(env));
  } catch {
    const who = culprit(env);
    return { ok: false, error: `10-aws.conflist is not a valid json object${who ? ` (${who} breaks the JSON it is pasted into)` : ''}` };
  }
  const plugins = (doc as { plugins?: unknown }).plugins;
  const plugin = (Array.isArray(plugins) && typeof plugins[0] === 'object' && plugins[0] !== null ? plugins[0] : {}) as Record<string, unknown>;
  return { ok: true, conf: pluginConf(plugin) };
}

/** Go's name for the JSON kind json.Unmarshal found where a string field was expected. */
const goKind = (v: unknown) => (typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'array' : 'object');

/** The plugin's LoadNetConf: typed fields (null leaves the default), then its prefix length check. */
function pluginConf(plugin: Record<string, unknown>): PluginConf {
  const conf: PluginConf = { vethPrefix: 'eni', podSGEnforcingMode: 'strict' };
  for (const key of ['vethPrefix', 'podSGEnforcingMode'] as const) {
    const v = plugin[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      conf.loadError ??= `json: cannot unmarshal ${goKind(v)} into Go struct field NetConf.${key} of type string`;
      continue;
    }
    conf[key] = v;
  }
  if (!conf.loadError && utf8Length(conf.vethPrefix) > 4) conf.loadError = 'conf.VethPrefix can be at most 4 characters long';
  return conf;
}
