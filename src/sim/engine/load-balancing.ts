/**
 * The AWS side of Services: the ELBv2 service of the scenario's account and, when the AWS
 * Load Balancer Controller is installed (its Helm chart: a 2-replica Deployment and the
 * webhook Service in kube-system), the controller wired to the cluster.
 */
import { EPOCH_ISO } from '../clock/epoch.ts';
import { Elbv2 } from '../elbv2/elbv2.ts';
import { hexOf } from '../elbv2/names.ts';
import type { Cluster } from '../k8s/cluster.ts';
import type { Pod } from '../k8s/objects.ts';
import type { ServiceController } from '../k8s/services/service-controller.ts';
import { checkTarget } from '../lbc/health-check.ts';
import { LoadBalancerController } from '../lbc/controller.ts';
import { formatIpv4 } from '../net/ipv4.ts';
import type { DeploymentSpec, ScenarioSpec, ServiceSpec } from '../spec.ts';
import type { Ec2State } from '../aws/ec2-state.ts';
import type { EventQueue } from '../clock/event-queue.ts';
import type { Random } from '../clock/random.ts';
import type { EventLog } from './event-log.ts';

/** The controller's Deployment as its Helm chart installs it. */
export const LBC_DEPLOYMENT: DeploymentSpec = {
  name: 'aws-load-balancer-controller',
  namespace: 'kube-system',
  replicas: 2,
  labels: { 'app.kubernetes.io/instance': 'aws-load-balancer-controller', 'app.kubernetes.io/name': 'aws-load-balancer-controller' },
  ports: [{ name: 'webhook-server', containerPort: 9443, protocol: 'TCP' }, { name: 'metrics-server', containerPort: 8080, protocol: 'TCP' }],
  readinessProbe: { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 },
};

/** The chart's webhook Service (the API server calls the mutating webhooks through it). */
export const LBC_WEBHOOK_SERVICE: ServiceSpec = {
  name: 'aws-load-balancer-webhook-service', namespace: 'kube-system', type: 'ClusterIP',
  selector: { 'app.kubernetes.io/instance': 'aws-load-balancer-controller', 'app.kubernetes.io/name': 'aws-load-balancer-controller' },
  ports: [{ name: 'webhook-server', protocol: 'TCP', port: 443, targetPort: 'webhook-server' }],
  externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', sessionAffinityTimeoutSeconds: 10800,
  labels: { 'app.kubernetes.io/component': 'webhook', 'app.kubernetes.io/instance': 'aws-load-balancer-controller', 'app.kubernetes.io/name': 'aws-load-balancer-controller' },
  annotations: {},
};

export interface LoadBalancingHost {
  readonly spec: ScenarioSpec;
  readonly queue: EventQueue;
  readonly random: Random;
  readonly cluster: Cluster;
  readonly services: ServiceController;
  readonly ec2State: Ec2State;
  readonly log: EventLog;
  /** What changed, for the views (a load balancer's ENIs take subnet addresses). */
  readonly views: { changed(kind: 'subnet', key: string): void };
}

const isLbcPod = (p: Pod) => p.namespace === 'kube-system' && p.deployment === LBC_DEPLOYMENT.name;

/** The controller's leader: its oldest running pod. */
function leader(cluster: Cluster): Pod | undefined {
  let best: Pod | undefined;
  for (const p of cluster.pods.values()) {
    if (!isLbcPod(p) || p.phase !== 'Running' || p.ip === undefined) continue;
    if (!best || p.createdAtMs < best.createdAtMs || (p.createdAtMs === best.createdAtMs && p.name < best.name)) best = p;
  }
  return best;
}

export interface LoadBalancing {
  elbv2: Elbv2;
  lbc?: LoadBalancerController;
  /** Installs the controller's Deployment and webhook Service (after the EKS add-ons). */
  install(): void;
  podChanged(p: Pod): void;
}

/** Builds the load-balancing part for an engine (a function, so the engine need not import it). */
export type LoadBalancingFactory = (h: LoadBalancingHost) => LoadBalancing;

/**
 * ELBv2 and the controller for a scenario that installs the controller. The engine takes this
 * as an option: the worker loads this module (and ELBv2, the controller, its annotations)
 * on demand, so scenarios without the controller do not pay for it in the first paint.
 */
export const createLoadBalancing: LoadBalancingFactory = (h) => {
  let lbc: LoadBalancerController | undefined;
  let startedAtMs = 0;
  const elbv2 = new Elbv2({
    queue: h.queue, random: h.random.fork('elbv2'), region: h.spec.region, accountId: h.spec.accountId, vpcId: h.spec.vpc.id, epochIso: EPOCH_ISO, ec2: h.ec2State,
    subnetChanged: (id) => h.views.changed('subnet', id),
    log: (makeRecord, latencyMs, touches) => h.log.pushEc2('', latencyMs, makeRecord, touches),
    check: (tg, t) => {
      const owner = lbc ? [...lbc.tgbs.values()].find((x) => x.targetGroupArn === tg.arn) : undefined;
      return checkTarget(tg, t, h.cluster, owner ? h.services.services.get(`${owner.namespace}/${owner.serviceName}`) : undefined);
    },
    healthChanged: () => {},
    sourceIp: () => {
      const p = leader(h.cluster);
      return p?.ip === undefined ? '' : formatIpv4(p.ip);
    },
    sessionName: () => `${Date.parse(EPOCH_ISO) + startedAtMs}000000`,
  });
  const namespaces = new Map((h.spec.namespaces ?? []).map((n) => [n.name, n.labels]));
  lbc = new LoadBalancerController({
    queue: h.queue, cluster: h.cluster, services: h.services, elbv2, clusterName: h.spec.clusterName,
    subnets: () => [...h.ec2State.subnets.values()].map((s) => ({ id: s.spec.id, zone: s.spec.availabilityZone, tags: s.spec.tags, free: s.pool.free, public: (s.spec.defaultRoute ?? 'igw') === 'igw' })),
    namespaceLabels: (ns) => namespaces.get(ns) ?? {},
    running: () => leader(h.cluster) !== undefined,
    securityGroups: (lbName) => [`sg-0${hexOf(`lbc-frontend|${lbName}`, 16)}`, `sg-0${hexOf(`lbc-backend|${h.spec.clusterName}`, 16)}`],
    event: (e) => h.log.push({ kind: 'k8s', ...e }),
  });
  h.services.listeners.push((svc, deleted) => lbc!.serviceChanged(svc, deleted));
  let running = false;
  return {
    elbv2,
    lbc,
    install: () => {
      h.services.add(LBC_WEBHOOK_SERVICE);
      h.cluster.addDeployment(LBC_DEPLOYMENT);
    },
    podChanged: (p) => {
      if (!isLbcPod(p)) {
        if (running) lbc!.podChanged(p);
        return;
      }
      const now = leader(h.cluster) !== undefined;
      if (now && !running) {
        startedAtMs = h.queue.nowMs;
        running = true;
        lbc!.started();
      }
      running = now;
    },
  };
};
