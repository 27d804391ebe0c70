/**
 * The aws-node variables the editor offers: real names, the shipped default (the official
 * manifest / Helm chart, behaviour reference a.1) and one line on what each does (a message
 * id: the text is in the catalogues, src/ui/i18n/locales). Names and values stay as aws-node
 * reads them in every language.
 */
import { msg, type Msg } from '../i18n/text.ts';

export type EnvKind = { type: 'int'; min?: number } | { type: 'bool' } | { type: 'text'; placeholder?: string } | { type: 'enum'; values: string[] };

export type EnvGroup = 'Warm pool' | 'Addressing' | 'SNAT' | 'Features';

/** The editor's headings, as catalogue ids. */
export const ENV_GROUP_LABEL: Readonly<Record<EnvGroup, string>> = {
  'Warm pool': 'env.group.warmPool',
  Addressing: 'env.group.addressing',
  SNAT: 'env.group.snat',
  Features: 'env.group.features',
};

export interface EnvVarInfo {
  name: string;
  /** Shipped value; undefined = not set in the manifest. */
  shipped?: string;
  kind: EnvKind;
  /** Catalogue id of the one line on what it does. */
  explain: string;
  group: EnvGroup;
}

export const ENV_VARS: readonly EnvVarInfo[] = [
  { name: 'WARM_ENI_TARGET', shipped: '1', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'env.help.WARM_ENI_TARGET' },
  { name: 'WARM_IP_TARGET', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'env.help.WARM_IP_TARGET' },
  { name: 'MINIMUM_IP_TARGET', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'env.help.MINIMUM_IP_TARGET' },
  { name: 'WARM_PREFIX_TARGET', shipped: '1', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'env.help.WARM_PREFIX_TARGET' },
  { name: 'IP_COOLDOWN_PERIOD', kind: { type: 'int', min: 0 }, group: 'Warm pool',
    explain: 'env.help.IP_COOLDOWN_PERIOD' },
  { name: 'MAX_ENI', kind: { type: 'int', min: 1 }, group: 'Warm pool',
    explain: 'env.help.MAX_ENI' },
  { name: 'ENABLE_PREFIX_DELEGATION', shipped: 'false', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'env.help.ENABLE_PREFIX_DELEGATION' },
  { name: 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', shipped: 'false', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'env.help.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG' },
  { name: 'ENABLE_IPv4', shipped: 'true', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'env.help.ENABLE_IPv4' },
  { name: 'ENABLE_IPv6', shipped: 'false', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'env.help.ENABLE_IPv6' },
  { name: 'ENABLE_SUBNET_DISCOVERY', shipped: 'true', kind: { type: 'bool' }, group: 'Addressing',
    explain: 'env.help.ENABLE_SUBNET_DISCOVERY' },
  { name: 'AWS_VPC_K8S_CNI_EXTERNALSNAT', shipped: 'false', kind: { type: 'bool' }, group: 'SNAT',
    explain: 'env.help.AWS_VPC_K8S_CNI_EXTERNALSNAT' },
  { name: 'AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS', shipped: '', kind: { type: 'text', placeholder: '10.1.0.0/16,172.16.0.0/12' }, group: 'SNAT',
    explain: 'env.help.AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS' },
  { name: 'AWS_VPC_K8S_CNI_RANDOMIZESNAT', shipped: 'prng', kind: { type: 'enum', values: ['prng', 'hashrandom', 'none'] }, group: 'SNAT',
    explain: 'env.help.AWS_VPC_K8S_CNI_RANDOMIZESNAT' },
  { name: 'ENABLE_POD_ENI', shipped: 'false', kind: { type: 'bool' }, group: 'Features',
    explain: 'env.help.ENABLE_POD_ENI' },
  { name: 'AWS_MANAGE_ENIS_NON_SCHEDULABLE', kind: { type: 'bool' }, group: 'Features',
    explain: 'env.help.AWS_MANAGE_ENIS_NON_SCHEDULABLE' },
  { name: 'DISABLE_NETWORK_RESOURCE_PROVISIONING', shipped: 'false', kind: { type: 'bool' }, group: 'Features',
    explain: 'env.help.DISABLE_NETWORK_RESOURCE_PROVISIONING' },
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
export function checkEnvValue(info: EnvVarInfo, value: string): Msg | undefined {
  if (value === '') return undefined;
  const k = info.kind;
  if (k.type === 'int') {
    // strconv.Atoi: an optional sign and decimal digits ("+5" and "007" are 5 and 7).
    if (!/^[+-]?\d+$/.test(value)) return msg('env.check.int');
    if (k.min !== undefined && Number(value) < k.min) return msg('env.check.min', { min: k.min });
  }
  if (k.type === 'bool' && goParseBool(value) === undefined) return msg('env.check.bool');
  if (k.type === 'enum' && !k.values.includes(value)) return msg('env.check.enum', { values: k.values.join(', ') });
  return undefined;
}

/** How aws-node reads a boolean value the select does not offer (e.g. "TRUE" from a scenario). */
export function boolReading(info: EnvVarInfo, value: string): Msg {
  const b = goParseBool(value);
  if (b !== undefined) return msg('env.readAs', { value, bool: String(b) });
  return msg('env.notBool', { value, name: info.name });
}

/** A warning about a value being typed, before it is applied. */
export function draftNote(info: EnvVarInfo, value: string): Msg | undefined {
  if (info.name === 'ENABLE_IPv6' && goParseBool(value) === true) return msg('env.ipv6Draft');
  return undefined;
}

/**
 * Whole-env notes for the editor: what a real aws-node would do that the simulator does not
 * show. `env` holds the overrides; unset variables keep their shipped values.
 */
export function envNotes(env: Readonly<Record<string, string>>): Msg[] {
  if (goParseBool(env.ENABLE_IPv6 ?? 'false') !== true) return [];
  // isConfigValid: ENABLE_IPv4 is read with ParseBool, and a value it refuses means false.
  if (goParseBool(env.ENABLE_IPv4 ?? 'true') === true) return [msg('env.ipv6.dualStack')];
  if (goParseBool(env.ENABLE_PREFIX_DELEGATION ?? 'false') !== true) return [msg('env.ipv6.noPrefix')];
  return [msg('env.ipv6.starts')];
}
