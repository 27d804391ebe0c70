/**
 * Scenario format v1, the Kubernetes networking objects: Services, Ingresses, namespaces with
 * labels and the cluster's service network (valibot schemas, shape only; meaning is checked in
 * check-services.ts). Services and Ingresses are flattened the way deployments are: their
 * metadata and spec fields sit side by side.
 */
import * as v from 'valibot';
import { said, schemaMessage } from './issues.ts';

const text = v.string();
const stringMap = v.record(v.string(), v.string());
const whole = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(schemaMessage(said`must be a whole number`)), v.minValue(min, schemaMessage(said`must be at least ${min}`)), v.maxValue(max, schemaMessage(said`must be at most ${max}`)));

/** A TCP/UDP port number. */
export const portNumber = whole(1, 65535);

/** At most this many Services and Ingresses in a scenario, and ports per Service. */
export const MAX_SERVICES = 1000;
export const MAX_INGRESSES = 100;
export const MAX_SERVICE_PORTS = 20;

export const ServicePortJsonSchema = v.object({
  name: v.optional(text),
  protocol: v.optional(v.picklist(['TCP', 'UDP'], 'must be "TCP" or "UDP"')),
  port: portNumber,
  targetPort: v.optional(v.union([portNumber, text], 'must be a port number or the name of a container port')),
  nodePort: v.optional(whole(30000, 32767)),
});

export const ServiceJsonSchema = v.object({
  name: text,
  namespace: v.optional(text),
  type: v.optional(v.picklist(['ClusterIP', 'NodePort', 'LoadBalancer'], 'must be "ClusterIP", "NodePort" or "LoadBalancer"')),
  clusterIP: v.optional(text),
  selector: v.optional(stringMap),
  ports: v.pipe(v.array(ServicePortJsonSchema), v.minLength(1, schemaMessage(said`needs at least one port`)), v.maxLength(MAX_SERVICE_PORTS, schemaMessage(said`has more than ${MAX_SERVICE_PORTS} ports`))),
  externalTrafficPolicy: v.optional(v.picklist(['Cluster', 'Local'], 'must be "Cluster" or "Local"')),
  internalTrafficPolicy: v.optional(v.picklist(['Cluster', 'Local'], 'must be "Cluster" or "Local"')),
  sessionAffinity: v.optional(v.picklist(['None', 'ClientIP'], 'must be "None" or "ClientIP"')),
  sessionAffinityTimeoutSeconds: v.optional(whole(1, 86400)),
  loadBalancerClass: v.optional(text),
  labels: v.optional(stringMap),
  annotations: v.optional(stringMap),
});

const backend = v.object({
  service: v.object({ name: text, port: v.object({ number: v.optional(portNumber), name: v.optional(text) }) }),
});

export const IngressJsonSchema = v.object({
  name: text,
  namespace: v.optional(text),
  ingressClassName: v.optional(text),
  annotations: v.optional(stringMap),
  defaultBackend: v.optional(backend),
  rules: v.optional(v.pipe(v.array(v.object({
    host: v.optional(text),
    http: v.object({
      paths: v.pipe(v.array(v.object({
        path: v.optional(text),
        pathType: v.optional(v.picklist(['Prefix', 'Exact', 'ImplementationSpecific'], 'must be "Prefix", "Exact" or "ImplementationSpecific"')),
        backend,
      })), v.minLength(1, schemaMessage(said`needs at least one path`)), v.maxLength(50, schemaMessage(said`has more than 50 paths`))),
    }),
  })), v.maxLength(50, schemaMessage(said`has more than 50 rules`)))),
});

export const NamespaceJsonSchema = v.object({ name: text, labels: v.optional(stringMap) });

export const ClusterJsonSchema = v.object({
  serviceIpv4Cidr: v.optional(text),
  kubeProxyMode: v.optional(v.picklist(['iptables', 'ipvs'], 'must be "iptables" or "ipvs"')),
  controlPlaneSubnets: v.optional(v.pipe(v.array(text), v.minLength(1, schemaMessage(said`needs at least one subnet`)), v.maxLength(16, schemaMessage(said`has more than 16 subnets`)))),
});

/** EKS add-on configuration values the simulator uses (the CoreDNS add-on's `replicaCount`). */
export const AddonsJsonSchema = v.object({
  coredns: v.optional(v.object({ replicaCount: whole(0, 100) })),
  awsLoadBalancerController: v.optional(v.boolean()),
});

export const ContainerPortJsonSchema = v.object({
  name: v.optional(text),
  containerPort: portNumber,
  protocol: v.optional(v.picklist(['TCP', 'UDP'], 'must be "TCP" or "UDP"')),
});

export const ReadinessProbeJsonSchema = v.object({
  initialDelaySeconds: v.optional(whole(0, 3600)),
  periodSeconds: v.optional(whole(1, 3600)),
  failureThreshold: v.optional(whole(1, 100)),
});

/** The timeline commands of this part of the format. */
export const serviceCommandSchemas = [
  v.object({ type: v.literal('addService'), service: ServiceJsonSchema }),
  v.object({ type: v.literal('deleteService'), service: text, namespace: v.optional(text) }),
  v.object({ type: v.literal('addIngress'), ingress: IngressJsonSchema }),
  v.object({ type: v.literal('deleteIngress'), ingress: text, namespace: v.optional(text) }),
  v.object({ type: v.literal('setPodHealth'), healthy: v.boolean(), pod: v.optional(text), deployment: v.optional(text), namespace: v.optional(text) }),
  v.object({
    type: v.literal('traffic'), from: text, to: text,
    proto: v.picklist(['tcp', 'udp', 'icmp'], 'must be "tcp", "udp" or "icmp"'), dport: v.optional(portNumber), count: v.optional(whole(1, 1000)),
  }),
  v.object({ type: v.literal('zeroCounters'), node: v.optional(text), table: v.optional(v.picklist(['raw', 'mangle', 'nat', 'filter'])), chain: v.optional(text) }),
] as const;

export type ServiceJson = v.InferInput<typeof ServiceJsonSchema>;
export type IngressJson = v.InferInput<typeof IngressJsonSchema>;
