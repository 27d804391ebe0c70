/**
 * The AWS Load Balancer Controller's annotations the simulator acts on, parsed the way the
 * controller's model builders read them (services-and-load-balancers.md 4.1-4.4, 4.7; LBC
 * pkg/service/model_build_*.go, pkg/ingress/model_build_*.go), with its defaults. Every other
 * `service.beta.kubernetes.io/aws-load-balancer-*` or `alb.ingress.kubernetes.io/*` annotation
 * is reported as not modelled.
 */
import { said, type Said, type TemplateText } from '../said-template.ts';

export const SVC_PREFIX = 'service.beta.kubernetes.io/';
export const ING_PREFIX = 'alb.ingress.kubernetes.io/';
/** The class the controller's mutating webhook gives every new LoadBalancer Service without one. */
export const NLB_CLASS = 'service.k8s.aws/nlb';

export interface HealthCheckConfig {
  protocol: 'TCP' | 'HTTP' | 'HTTPS';
  /** `traffic-port`, a number, or a Service port name. */
  port: string;
  path?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  /** HTTP success codes (`Matcher.HttpCode`). */
  matcher?: string;
}

/** What the controller builds for a Service or an Ingress. */
export interface LbConfig {
  targetType: 'ip' | 'instance';
  scheme: 'internal' | 'internet-facing';
  /** `aws-load-balancer-name` / `load-balancer-name`. */
  name?: string;
  healthCheck: HealthCheckConfig;
  /** Target group attributes as annotated (the controller sets nothing else but proxy protocol). */
  tgAttributes: Record<string, string>;
  /** ALB listeners (`listen-ports`); NLB listeners follow the Service ports. */
  listenPorts: number[];
}

export interface Problem {
  key: string;
  message: string;
  /** The message as a text to translate (said-template.ts); the engine's events use `message`. */
  text: TemplateText;
}

export interface Parsed {
  config: LbConfig;
  errors: Problem[];
  /** Annotations of the controller the simulator does not model. */
  ignored: string[];
}

const int = (text: string, min: number, max: number): number | Said => {
  if (!/^\d+$/.test(text)) return said`"${text}" is not a whole number`;
  const n = Number(text);
  return n < min || n > max ? said`${n} is not between ${min} and ${max}` : n;
};

/** `k=v,k=v` (the target-group-attributes format); a `Said` is an error. */
export function parseAttributes(text: string): Record<string, string> | Said {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq <= 0) return said`"${item.slice(0, 60)}" is not key=value`;
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

/** Target group attributes whose values the simulator checks and uses. */
const TG_ATTRIBUTE_RULES: Record<string, (v: string) => Said | undefined> = {
  'deregistration_delay.timeout_seconds': (v) => (typeof int(v, 0, 3600) === 'object' ? said`must be 0-3600 seconds, got "${v}"` : undefined),
  'preserve_client_ip.enabled': (v) => (v === 'true' || v === 'false' ? undefined : said`must be true or false, got "${v}"`),
  'proxy_protocol_v2.enabled': (v) => (v === 'true' || v === 'false' ? undefined : said`must be true or false, got "${v}"`),
  'load_balancing.cross_zone.enabled': (v) => (['true', 'false', 'use_load_balancer_configuration'].includes(v) ? undefined : said`must be true, false or use_load_balancer_configuration, got "${v}"`),
  'stickiness.enabled': (v) => (v === 'true' || v === 'false' ? undefined : said`must be true or false, got "${v}"`),
};

interface Field {
  suffix: string;
  apply(value: string, c: LbConfig): Said | undefined;
}

const healthFields = (p: { interval: string; timeout: string; healthy: string; unhealthy: string; protocol: string; port: string; path: string; codes: string }): Field[] => [
  { suffix: p.interval, apply: (v, c) => setInt(v, 5, 300, (n) => (c.healthCheck.intervalSeconds = n)) },
  { suffix: p.timeout, apply: (v, c) => setInt(v, 2, 120, (n) => (c.healthCheck.timeoutSeconds = n)) },
  { suffix: p.healthy, apply: (v, c) => setInt(v, 2, 10, (n) => (c.healthCheck.healthyThreshold = n)) },
  { suffix: p.unhealthy, apply: (v, c) => setInt(v, 2, 10, (n) => (c.healthCheck.unhealthyThreshold = n)) },
  {
    suffix: p.protocol,
    apply: (v, c) => {
      const up = v.toUpperCase();
      if (up !== 'TCP' && up !== 'HTTP' && up !== 'HTTPS') return said`must be TCP, HTTP or HTTPS, got "${v}"`;
      c.healthCheck.protocol = up;
      if (up !== 'TCP') c.healthCheck.path ??= '/';
      return undefined;
    },
  },
  { suffix: p.port, apply: (v, c) => (/^(traffic-port|\d{1,5}|[a-z0-9-]{1,15})$/.test(v) ? void (c.healthCheck.port = v) : said`must be traffic-port, a port number or a port name, got "${v.slice(0, 40)}"`) },
  { suffix: p.path, apply: (v, c) => (v.startsWith('/') ? void (c.healthCheck.path = v) : said`must start with "/", got "${v.slice(0, 40)}"`) },
  { suffix: p.codes, apply: (v, c) => (/^\d{3}([-,]\d{3})*$/.test(v) ? void (c.healthCheck.matcher = v) : said`is not an HTTP code list like 200 or 200-399, got "${v.slice(0, 40)}"`) },
];

function setInt(v: string, min: number, max: number, set: (n: number) => void): Said | undefined {
  const n = int(v, min, max);
  if (typeof n === 'object') return n;
  set(n);
  return undefined;
}

/** Whether parseAttributes said why not (an attribute map's values are strings, never a text). */
const isSaid = (x: Record<string, string> | Said): x is Said => typeof x.text === 'object';

function tgAttributes(v: string, c: LbConfig): Said | undefined {
  const attrs = parseAttributes(v);
  if (isSaid(attrs)) return attrs;
  for (const [k, value] of Object.entries(attrs)) {
    const problem = TG_ATTRIBUTE_RULES[k]?.(value);
    if (problem) return said`${k} ${problem}`;
  }
  c.tgAttributes = attrs;
  return undefined;
}

const scheme: Field['apply'] = (v, c) => (v === 'internal' || v === 'internet-facing' ? void (c.scheme = v) : said`must be internal or internet-facing, got "${v.slice(0, 40)}"`);
const targetType: Field['apply'] = (v, c) => (v === 'ip' || v === 'instance' ? void (c.targetType = v) : said`must be ip or instance, got "${v.slice(0, 40)}"`);
const lbName: Field['apply'] = (v, c) => (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(v) ? void (c.name = v) : said`must be 1-32 letters, digits and "-", not starting or ending with "-"`);

const SERVICE_FIELDS: Field[] = [
  { suffix: 'aws-load-balancer-nlb-target-type', apply: targetType },
  {
    suffix: 'aws-load-balancer-type',
    apply: (v, c) => {
      if (v === 'nlb-ip') c.targetType = 'ip';
      else if (v !== 'external' && v !== 'nlb') return said`must be external or nlb-ip (nlb is the legacy in-tree controller's), got "${v.slice(0, 40)}"`;
      return undefined;
    },
  },
  { suffix: 'aws-load-balancer-scheme', apply: scheme },
  { suffix: 'aws-load-balancer-internal', apply: (v, c) => (v === 'true' || v === 'false' ? void (c.scheme = v === 'true' ? 'internal' : 'internet-facing') : said`must be true or false, got "${v.slice(0, 40)}"`) },
  { suffix: 'aws-load-balancer-name', apply: lbName },
  { suffix: 'aws-load-balancer-target-group-attributes', apply: tgAttributes },
  ...healthFields({
    interval: 'aws-load-balancer-healthcheck-interval', timeout: 'aws-load-balancer-healthcheck-timeout',
    healthy: 'aws-load-balancer-healthcheck-healthy-threshold', unhealthy: 'aws-load-balancer-healthcheck-unhealthy-threshold',
    protocol: 'aws-load-balancer-healthcheck-protocol', port: 'aws-load-balancer-healthcheck-port', path: 'aws-load-balancer-healthcheck-path',
    codes: 'aws-load-balancer-healthcheck-success-codes',
  }),
];

const INGRESS_FIELDS: Field[] = [
  { suffix: 'target-type', apply: targetType },
  { suffix: 'scheme', apply: scheme },
  { suffix: 'load-balancer-name', apply: lbName },
  { suffix: 'target-group-attributes', apply: tgAttributes },
  {
    suffix: 'listen-ports',
    apply: (v, c) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch {
        return said`is not JSON like [{"HTTP": 80}]`;
      }
      if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 10) return said`must be a JSON list of 1-10 entries like [{"HTTP": 80}]`;
      const ports: number[] = [];
      for (const entry of parsed) {
        const http = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).HTTP : undefined;
        if (typeof http !== 'number' || !Number.isInteger(http) || http < 1 || http > 65535) return said`only HTTP listeners with a port 1-65535 are modelled, like [{"HTTP": 80}]`;
        ports.push(http);
      }
      c.listenPorts = ports;
      return undefined;
    },
  },
  ...healthFields({
    interval: 'healthcheck-interval-seconds', timeout: 'healthcheck-timeout-seconds', healthy: 'healthy-threshold-count',
    unhealthy: 'unhealthy-threshold-count', protocol: 'healthcheck-protocol', port: 'healthcheck-port', path: 'healthcheck-path', codes: 'success-codes',
  }),
];

function parse(annotations: Readonly<Record<string, string>>, prefix: string, owned: (k: string) => boolean, fields: Field[], config: LbConfig): Parsed {
  const errors: Problem[] = [];
  const ignored: string[] = [];
  const bySuffix = new Map(fields.map((f) => [f.suffix, f]));
  // The type annotation decides the target type before nlb-target-type may override it.
  const keys = Object.keys(annotations).toSorted((a, b) => Number(b.endsWith('aws-load-balancer-type')) - Number(a.endsWith('aws-load-balancer-type')));
  for (const key of keys) {
    if (!key.startsWith(prefix) || !owned(key)) continue;
    const field = bySuffix.get(key.slice(prefix.length));
    if (!field) {
      ignored.push(key);
      continue;
    }
    const problem = field.apply(annotations[key].trim(), config);
    if (problem) errors.push({ key, message: problem.message, text: problem.text });
  }
  return { config, errors, ignored };
}

/**
 * A LoadBalancer Service's load balancer, from its annotations. `instanceLocal`: instance
 * targets with externalTrafficPolicy Local, whose health check defaults to kube-proxy's
 * healthCheckNodePort over HTTP (`/healthz`).
 */
export function parseServiceAnnotations(annotations: Readonly<Record<string, string>>, opts: { etpLocal?: boolean; healthCheckNodePort?: number } = {}): Parsed {
  const config: LbConfig = {
    targetType: 'instance',
    scheme: 'internal',
    healthCheck: { protocol: 'TCP', port: 'traffic-port', intervalSeconds: 10, timeoutSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 3 },
    tgAttributes: {},
    listenPorts: [],
  };
  const out = parse(annotations, SVC_PREFIX, (k) => k.startsWith(`${SVC_PREFIX}aws-load-balancer-`), SERVICE_FIELDS, config);
  if (out.config.targetType === 'instance' && opts.etpLocal) {
    // Re-read over the instance-mode Local defaults, so that annotations still win.
    const local: LbConfig = {
      ...config,
      healthCheck: { protocol: 'HTTP', port: String(opts.healthCheckNodePort ?? 0), path: '/healthz', intervalSeconds: 10, timeoutSeconds: 6, healthyThreshold: 2, unhealthyThreshold: 2 },
    };
    return parse(annotations, SVC_PREFIX, (k) => k.startsWith(`${SVC_PREFIX}aws-load-balancer-`), SERVICE_FIELDS, local);
  }
  if (out.config.healthCheck.protocol !== 'TCP') out.config.healthCheck.matcher ??= '200-399';
  return out;
}

/** An Ingress's ALB, from its annotations (controller defaults: instance targets, internal, HTTP:80). */
export function parseIngressAnnotations(annotations: Readonly<Record<string, string>>): Parsed {
  const config: LbConfig = {
    targetType: 'instance',
    scheme: 'internal',
    healthCheck: { protocol: 'HTTP', port: 'traffic-port', path: '/', intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 2, matcher: '200' },
    tgAttributes: {},
    listenPorts: [80],
  };
  return parse(annotations, ING_PREFIX, () => true, INGRESS_FIELDS, config);
}

/** The target group's deregistration delay (AWS default 300 s unless annotated). */
export function deregistrationDelaySeconds(c: LbConfig): number {
  const v = c.tgAttributes['deregistration_delay.timeout_seconds'];
  return v === undefined ? 300 : Number(v);
}

/** Client IP preservation: off for ip targets, on for instance targets, unless annotated (4.4). */
export function preserveClientIp(c: LbConfig): boolean {
  const v = c.tgAttributes['preserve_client_ip.enabled'];
  return v === undefined ? c.targetType === 'instance' : v === 'true';
}
