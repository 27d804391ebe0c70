/**
 * The aws-node variables the editor offers: real names, the shipped default (the official
 * manifest / Helm chart, behaviour reference a.1) and one line on what each does.
 */
export type EnvKind = { type: 'int'; min?: number } | { type: 'bool' } | { type: 'text'; placeholder?: string } | { type: 'enum'; values: string[] };

export interface EnvVarInfo {
  name: string;
  /** Shipped value; undefined = not set in the manifest. */
  shipped?: string;
  kind: EnvKind;
  explain: string;
  group: 'Warm pool' | 'Addressing' | 'SNAT' | 'Features';
}

export const ENV_VARS: readonly EnvVarInfo[] = [
  { name: 'WARM_ENI_TARGET', shipped: '1', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'Keep this many whole ENIs’ worth of free IPs ready. Ignored once WARM_IP_TARGET or MINIMUM_IP_TARGET is set.' },
  { name: 'WARM_IP_TARGET', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'Keep exactly this many free IPs; ipamd assigns and releases single IPs to hold it (more EC2 calls). 0 means not set.' },
  { name: 'MINIMUM_IP_TARGET', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'Floor on the IPs allocated to the node however few pods run. 0 means not set.' },
  { name: 'WARM_PREFIX_TARGET', shipped: '1', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'Prefix mode: keep this many free /28 prefixes (16 addresses each).' },
  { name: 'IP_COOLDOWN_PERIOD', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'Seconds a released pod IP waits before reuse (30 when unset). Cooling IPs still count as available.' },
  { name: 'MAX_ENI', kind: { type: 'int', min: 1 }, group: 'Warm pool',
    explain: 'Cap on the ENIs ipamd attaches, below the instance type’s limit.' },
  { name: 'ENABLE_PREFIX_DELEGATION', shipped: 'false', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'Assign /28 prefixes to ENIs instead of single secondary IPs (Nitro and bare metal only).' },
  { name: 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', shipped: 'false', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'Custom networking: new ENIs go into the ENIConfig’s subnet and the primary ENI gives no pod IPs.' },
  { name: 'ENABLE_IPv4', shipped: 'true', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'IPv4 pod addresses. Exactly one of ENABLE_IPv4 and ENABLE_IPv6 must be true, or ipamd refuses to start.' },
  { name: 'ENABLE_IPv6', shipped: 'false', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'IPv6 mode (needs ENABLE_IPv4=false and ENABLE_PREFIX_DELEGATION=true on a Nitro type). Not modelled by this simulator.' },
  { name: 'ENABLE_SUBNET_DISCOVERY', shipped: 'true', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'Place new ENIs in subnets tagged kubernetes.io/role/cni, most free addresses first.' },
  { name: 'AWS_VPC_K8S_CNI_EXTERNALSNAT', shipped: 'false', kind: { type: 'bool' }, group: 'SNAT',
    explain: 'true: traffic leaving the VPC keeps the pod IP (a NAT gateway translates it). false: SNAT to the node’s primary IP.' },
  { name: 'AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS', shipped: '', kind: { type: 'text', placeholder: '10.1.0.0/16,172.16.0.0/12' }, group: 'SNAT',
    explain: 'Comma-separated CIDRs outside the VPC that pods reach without SNAT (peered VPCs, on-premises).' },
  { name: 'AWS_VPC_K8S_CNI_RANDOMIZESNAT', shipped: 'prng', kind: { type: 'enum', values: ['prng', 'hashrandom', 'none'] }, group: 'SNAT',
    explain: 'Source-port choice for the SNAT rule: --random-fully (prng), --random (hashrandom) or neither.' },
  { name: 'ENABLE_POD_ENI', shipped: 'false', kind: { type: 'bool' }, group: 'Features',
    explain: 'Security groups for pods: the node gets a trunk ENI and matching pods get branch ENIs (they bypass the warm pool).' },
  { name: 'AWS_MANAGE_ENIS_NON_SCHEDULABLE', kind: { type: 'bool' }, group: 'Features',
    explain: 'Keep growing and freeing ENIs while the node is cordoned (false when unset).' },
  { name: 'DISABLE_NETWORK_RESOURCE_PROVISIONING', shipped: 'false', kind: { type: 'bool' }, group: 'Features',
    explain: 'ipamd never attaches ENIs or assigns addresses itself; something else must.' },
];

/**
 * strconv.ParseBool, which aws-node reads its true/false variables with: 1, t, T, TRUE, true,
 * True and their false forms; anything else is not a boolean and the variable's default
 * applies. (The UI may not import the engine's copy; the engine's tests pin this one's twin.)
 */
export function goParseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** Checks a value the way ipamd would refuse or ignore it; undefined when fine. */
export function checkEnvValue(info: EnvVarInfo, value: string): string | undefined {
  if (value === '') return undefined;
  const k = info.kind;
  if (k.type === 'int') {
    // strconv.Atoi: an optional sign and decimal digits ("+5" and "007" are 5 and 7).
    if (!/^[+-]?\d+$/.test(value)) return 'must be a whole number';
    if (k.min !== undefined && Number(value) < k.min) return `must be at least ${k.min}`;
  }
  if (k.type === 'bool' && goParseBool(value) === undefined) return 'must be true or false';
  if (k.type === 'enum' && !k.values.includes(value)) return `must be one of ${k.values.join(', ')}`;
  return undefined;
}

/** How aws-node reads a boolean value the select does not offer (e.g. "TRUE" from a scenario). */
export function boolReading(info: EnvVarInfo, value: string): string {
  const b = goParseBool(value);
  if (b !== undefined) return `${value} (read as ${b})`;
  return `${value} (not a boolean: aws-node falls back to its built-in default for ${info.name})`;
}

/** A warning about a value being typed, before it is applied. */
export function draftNote(info: EnvVarInfo, value: string): string | undefined {
  if (info.name === 'ENABLE_IPv6' && goParseBool(value) === true) return 'IPv6 mode is not modelled by this simulator';
  return undefined;
}

/**
 * Whole-env notes for the editor: what a real aws-node would do that the simulator does not
 * show. `env` holds the overrides; unset variables keep their shipped values.
 */
export function envNotes(env: Readonly<Record<string, string>>): string[] {
  if (goParseBool(env.ENABLE_IPv6 ?? 'false') !== true) return [];
  const head = 'ENABLE_IPv6 is true. IPv6 mode is not modelled by this simulator (a real node gives pods IPv6 addresses from a /80 prefix on its primary ENI).';
  // isConfigValid: ENABLE_IPv4 is read with ParseBool, and a value it refuses means false.
  if (goParseBool(env.ENABLE_IPv4 ?? 'true') === true) return [`${head} With ENABLE_IPv4 also true, aws-node refuses to start: dual stack is not supported.`];
  if (goParseBool(env.ENABLE_PREFIX_DELEGATION ?? 'false') !== true) return [`${head} Without ENABLE_PREFIX_DELEGATION=true, aws-node refuses to start.`];
  return [`${head} aws-node starts (on Nitro and bare-metal types); the nodes go on being simulated in IPv4 mode and say so.`];
}
