/**
 * The cluster's networking objects and the account's load balancers as plain data
 * (`ClusterObjects`, view.ts), for the kubectl and aws elbv2 views and the UI.
 */
import { endpointSlices, endpointsSubsets } from '../k8s/services/endpoint-slices.ts';
import type { EndpointState, ServiceObject } from '../k8s/services/objects.ts';
import type { ClusterObjects, EndpointView, IngressView, ServiceView } from '../view.ts';
import type { Engine } from './simulation.ts';

const endpointView = (e: EndpointState): EndpointView => ({
  address: e.ip, ready: e.ready, serving: e.serving, terminating: e.terminating,
  ...(e.nodeName !== undefined ? { nodeName: e.nodeName } : {}), ...(e.zone !== undefined ? { zone: e.zone } : {}),
  ...(e.podKey !== undefined ? { pod: e.podKey } : {}),
});

function serviceView(s: ServiceObject): ServiceView {
  return {
    namespace: s.namespace, name: s.name, uid: s.uid, type: s.spec.type, clusterIP: s.clusterIP,
    ports: s.ports.map((p) => ({ ...(p.name !== undefined ? { name: p.name } : {}), protocol: p.protocol, port: p.port, targetPort: p.targetPort, ...(p.nodePort ? { nodePort: p.nodePort } : {}) })),
    ...(s.spec.selector ? { selector: { ...s.spec.selector } } : {}),
    labels: { ...s.spec.labels }, annotations: { ...s.spec.annotations },
    externalTrafficPolicy: s.spec.externalTrafficPolicy, internalTrafficPolicy: s.spec.internalTrafficPolicy, sessionAffinity: s.spec.sessionAffinity,
    healthCheckNodePort: s.healthCheckNodePort,
    ...(s.loadBalancerClass ? { loadBalancerClass: s.loadBalancerClass } : {}),
    ...(s.loadBalancerHostname ? { loadBalancerHostname: s.loadBalancerHostname } : {}),
    createdAtMs: s.createdAtMs,
  };
}

export function buildClusterObjects(e: Engine): ClusterObjects {
  const services = [...e.services.services.values()];
  const ingresses: IngressView[] = [];
  const ingressSource = e.lbc ? [...e.lbc.ingresses.values()].map((i) => ({ spec: i.spec, createdAtMs: i.createdAtMs, hostname: i.hostname })) : [...e.ingresses.values()].map((i) => ({ spec: i.spec, createdAtMs: i.createdAtMs, hostname: undefined }));
  for (const { spec, createdAtMs, hostname } of ingressSource) {
    const hosts = [...new Set(spec.paths.flatMap((p) => (p.host ? [p.host] : [])))];
    ingresses.push({
      namespace: spec.namespace, name: spec.name, ...(spec.ingressClassName ? { className: spec.ingressClassName } : {}), hosts,
      ...(hostname ? { address: hostname } : {}), annotations: { ...spec.annotations },
      paths: spec.paths.map((p) => ({ ...p })), ...(spec.defaultBackend ? { defaultBackend: { ...spec.defaultBackend } } : {}), createdAtMs,
    });
  }
  const now = e.nowMs;
  return {
    timeMs: now,
    region: e.spec.region,
    accountId: e.spec.accountId,
    services: services.map(serviceView),
    endpointSlices: services.flatMap((s) => endpointSlices(s).map((sl) => ({
      namespace: sl.namespace, name: sl.name, service: sl.service, addressType: sl.addressType,
      ports: sl.ports ? sl.ports.map((p) => ({ ...p })) : null, endpoints: sl.endpoints.map(endpointView), createdAtMs: sl.createdAtMs,
    }))),
    endpoints: services.filter((s) => s.spec.selector || s.key === 'default/kubernetes').map((s) => ({
      namespace: s.namespace, name: s.name, createdAtMs: s.createdAtMs,
      subsets: endpointsSubsets(s).map((ss) => ({ addresses: ss.addresses.map((a) => a.ip), notReadyAddresses: ss.notReadyAddresses.map((a) => a.ip), ports: ss.ports.map((p) => ({ ...p })) })),
    })),
    ingresses,
    targetGroupBindings: e.lbc ? [...e.lbc.tgbs.values()].map((t) => ({
      namespace: t.namespace, name: t.name, serviceName: t.serviceName, servicePort: t.servicePort, targetType: t.targetType, targetGroupArn: t.targetGroupArn, createdAtMs: t.createdAtMs,
    })) : [],
    loadBalancers: [...(e.elbv2?.loadBalancers.values() ?? [])].map((lb) => ({
      arn: lb.arn, name: lb.name, dnsName: lb.dnsName, canonicalHostedZoneId: lb.canonicalHostedZoneId, type: lb.type, scheme: lb.scheme, vpcId: lb.vpcId,
      state: now >= lb.activeAtMs ? 'active' : 'provisioning', createdAtMs: lb.createdAtMs,
      zones: lb.nodes.map((n) => ({ zone: n.zone, subnetId: n.subnetId, privateIp: n.privateIp, ...(n.publicIp ? { publicIp: n.publicIp } : {}), eniId: n.eniId })),
      securityGroups: [...lb.securityGroups], crossZone: lb.crossZone,
      listeners: lb.listeners.map((l) => ({ arn: l.arn, port: l.port, protocol: l.protocol, ...(l.targetGroupArn ? { targetGroupArn: l.targetGroupArn } : {}), rules: l.rules.map((r) => ({ ...r })) })),
    })),
    targetGroups: [...(e.elbv2?.targetGroups.values() ?? [])].map((tg) => ({
      arn: tg.arn, name: tg.name, protocol: tg.protocol, port: tg.port, vpcId: tg.vpcId, targetType: tg.targetType,
      healthCheck: { ...tg.healthCheck, port: tg.healthCheckPort }, loadBalancerArns: [...tg.loadBalancerArns], attributes: { ...tg.attributes },
      deregistrationDelaySeconds: tg.deregistrationDelaySeconds, preserveClientIp: tg.preserveClientIp,
      targets: [...tg.targets.values()].map((t) => ({
        id: t.id, port: t.port, ...(t.zone ? { zone: t.zone } : {}), state: t.state,
        ...(t.reason !== undefined ? { reason: t.reason } : {}), ...(t.description !== undefined ? { description: t.description } : {}),
      })),
    })),
  };
}
