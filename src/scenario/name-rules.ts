/**
 * Format rules for the names and ids a scenario contains. Each returns undefined when the
 * text is fine, or the reason it is not, phrased to follow the field's path. The text is
 * echoed through quoteForMessage (cut, escaped): it comes from a link.
 */
import { said, type Said } from '../sim/said-template.ts';
import { quoteForMessage as q } from './quote.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Kubernetes DNS-1123 label (deployment, node group and namespace names). */
export function checkDns1123Label(name: string): Said | undefined {
  if (name.length === 0) return said`must not be empty`;
  if (name.length > 63) return said`is ${name.length} characters; a DNS-1123 label has at most 63`;
  if (!DNS1123_LABEL.test(name)) {
    return said`${q(name)} is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)`;
  }
  return undefined;
}

/** Kubernetes DNS-1123 subdomain (ENIConfig and pod names): labels joined by dots. */
export function checkDns1123Subdomain(name: string): Said | undefined {
  if (name.length === 0) return said`must not be empty`;
  if (name.length > 253) return said`is ${name.length} characters; a DNS-1123 subdomain has at most 253`;
  if (!name.split('.').every((part) => part.length <= 63 && DNS1123_LABEL.test(part))) {
    return said`${q(name)} is not a DNS-1123 subdomain (lower-case letters, digits, "-" and ".")`;
  }
  return undefined;
}

/** Kubernetes label key (or a taint's, `taint`): optional DNS subdomain prefix and "/", then a name of up to 63 characters. */
export function checkLabelKey(key: string, taint = false): Said | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && checkDns1123Subdomain(prefix) !== undefined) {
    return taint ? said`taint key ${q(key)} has an invalid prefix ${q(prefix)} (must be a DNS subdomain)`
      : said`label key ${q(key)} has an invalid prefix ${q(prefix)} (must be a DNS subdomain)`;
  }
  if (name.length === 0 || name.length > 63 || !LABEL_VALUE.test(name)) {
    return taint ? said`taint key ${q(key)} is invalid (name part: 1-63 letters, digits, "-", "_", ".", starting and ending with a letter or digit)`
      : said`label key ${q(key)} is invalid (name part: 1-63 letters, digits, "-", "_", ".", starting and ending with a letter or digit)`;
  }
  return undefined;
}

/** Kubernetes label value: empty, or up to 63 letters, digits, "-", "_", ".". */
export function checkLabelValue(value: string, taint = false): Said | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return taint ? said`taint value ${q(value)} is invalid (at most 63 letters, digits, "-", "_", ".", starting and ending with a letter or digit)`
      : said`label value ${q(value)} is invalid (at most 63 letters, digits, "-", "_", ".", starting and ending with a letter or digit)`;
  }
  return undefined;
}

/** Environment variable name as a shell and a container runtime both accept it. */
export function checkEnvName(name: string): Said | undefined {
  if (!ENV_NAME.test(name)) {
    return said`${q(name)} is not an environment variable name (letters, digits and "_", not starting with a digit)`;
  }
  return undefined;
}

/** AWS region code such as us-west-2 or us-gov-east-1. */
export function checkRegion(region: string): Said | undefined {
  return /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(region)
    ? undefined
    : said`${q(region)} is not an AWS region code (like us-west-2)`;
}

/**
 * Availability zone of the given region: the region code followed by one letter. The region
 * is named only when it is a region code (an invalid one has its own problem, and may be
 * anything a link holds).
 */
export function checkAvailabilityZone(zone: string, region: string): Said | undefined {
  const regionOk = checkRegion(region) === undefined;
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}[a-z]$/.test(zone)) {
    return said`${q(zone)} is not an availability zone name (like ${regionOk ? region : 'us-west-2'}a)`;
  }
  if (regionOk && zone.slice(0, -1) !== region) return said`${q(zone)} is not in the scenario's region ${region}`;
  return undefined;
}

/** A 12-digit AWS account id. */
export function checkAccountId(id: string): Said | undefined {
  return /^\d{12}$/.test(id) ? undefined : said`${q(id)} is not an AWS account id (12 digits)`;
}

/** An EC2 resource id with the given prefix: `sg-`, `subnet-`, `vpc-` then 8 or 17 hex digits. */
export function checkResourceId(id: string, prefix: 'sg' | 'subnet' | 'vpc'): Said | undefined {
  return new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id)
    ? undefined
    : said`${q(id)} is not a ${prefix} id (${prefix}- followed by 8 or 17 hex digits)`;
}

/** EKS cluster name: 1-100 letters, digits, "-" and "_", starting with a letter or digit. */
export function checkClusterName(name: string): Said | undefined {
  return /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(name)
    ? undefined
    : said`${q(name)} is not an EKS cluster name (1-100 letters, digits, "-" and "_", starting with a letter or digit)`;
}
