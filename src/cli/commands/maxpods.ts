/**
 * `maxpods <type…> | --all [--prefix-delegation] [--custom-networking] [--max-eni N]
 * [--apply-caps] [--cni-version X]`: max pods per instance type as max-pods-calculator.sh
 * computes it, plus the eni-max-pods.txt value, as a JSON array.
 */
import {
  allInstanceTypes,
  closestInstanceTypes,
  eniMaxPods,
  getInstanceType,
  maxPodsCalculator,
  parseCniVersion,
  type InstanceTypeInfo,
  type MaxPodsOptions,
} from '../../sim/catalog/index.ts';
import { CliError, type CliCommand } from '../cli-error.ts';
import { quote } from '../quote.ts';

interface Parsed {
  all: boolean;
  types: string[];
  options: MaxPodsOptions;
}

const BOOLEAN_FLAGS: Record<string, 'prefixDelegation' | 'customNetworking' | 'applyCaps'> = {
  '--prefix-delegation': 'prefixDelegation',
  '--custom-networking': 'customNetworking',
  '--apply-caps': 'applyCaps',
};

function parseArgs(args: string[]): Parsed {
  const parsed: Parsed = { all: false, types: [], options: {} };
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new CliError(`${flag} needs a value`);
      return v;
    };
    if ((flag === '--all' || flag in BOOLEAN_FLAGS || flag === '--max-eni' || flag === '--cni-version') && seen.has(flag)) throw new CliError(`${flag} is given more than once`);
    seen.add(flag);
    if (flag === '--all' && inline === undefined) parsed.all = true;
    else if (flag in BOOLEAN_FLAGS && inline === undefined) parsed.options[BOOLEAN_FLAGS[flag]] = true;
    else if (flag === '--max-eni') {
      const v = value();
      if (!/^\d{1,6}$/.test(v) || Number(v) < 1) throw new CliError(`--max-eni must be a whole number of at least 1, got ${quote(v, 24)}`);
      parsed.options.maxEni = Number(v);
    } else if (flag === '--cni-version') {
      const v = value();
      if (v.length > 64 || !parseCniVersion(v)) throw new CliError(`--cni-version ${quote(v, 40)} is not a version (expected e.g. 1.19.0)`);
      parsed.options.cniVersion = v;
    } else if (arg.startsWith('-')) throw new CliError(`unknown option ${quote(arg, 40)} (options: --all --prefix-delegation --custom-networking --max-eni N --apply-caps --cni-version X; --help shows the usage)`);
    else parsed.types.push(arg);
  }
  if (parsed.all && parsed.types.length > 0) throw new CliError('give either instance types or --all, not both');
  if (!parsed.all && parsed.types.length === 0) throw new CliError('name at least one instance type (e.g. maxpods m5.large) or pass --all');
  return parsed;
}

/** Unknown names listed in a message before "and N more". */
const MAX_LISTED = 5;

function resolveTypes(names: string[]): InstanceTypeInfo[] {
  const found = names.map((n) => getInstanceType(n.trim().toLowerCase()));
  const unknown = names.filter((_, i) => !found[i]);
  if (unknown.length > 0) {
    const hints = unknown.slice(0, MAX_LISTED).map((n) => {
      const close = n.length <= 40 ? closestInstanceTypes(n) : [];
      return close.length > 0 ? `${quote(n, 40)} (did you mean ${close.join(', ')}?)` : quote(n, 40);
    });
    const more = unknown.length > MAX_LISTED ? ` and ${unknown.length - MAX_LISTED} more` : '';
    throw new CliError(`unknown instance type${unknown.length > 1 ? 's' : ''} ${hints.join(', ')}${more}`);
  }
  return found as InstanceTypeInfo[];
}

function row(t: InstanceTypeInfo, options: MaxPodsOptions) {
  const r = maxPodsCalculator(t, options);
  return {
    instanceType: t.name,
    maxPods: r.maxPods,
    enis: r.enis,
    ipv4PerEni: r.ipv4PerEni,
    prefixDelegation: r.prefixDelegation,
    hypervisor: t.hypervisor,
    bareMetal: t.bareMetal,
    vcpus: t.vcpus ?? null,
    eniMaxPods: eniMaxPods(t),
    uncapped: r.uncapped,
    capApplied: r.capApplied ?? null,
    formula: r.formula,
    notes: r.notes,
  };
}

/** The `maxpods` command. */
export const command: CliCommand = (args) => {
  const { all, types, options } = parseArgs(args);
  const selected = all ? allInstanceTypes() : resolveTypes(types);
  return JSON.stringify(selected.map((t) => row(t, options)), null, 2);
};
