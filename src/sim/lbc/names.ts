/**
 * The controller's resource names (LBC pkg/service/model_build_load_balancer.go
 * `buildLoadBalancerName`, model_build_target_group.go `buildTargetGroupName`, and their
 * Ingress twins): `k8s-<namespace ≤8>-<name ≤8>-<first 10 hex of a SHA-256>`, non-alphanumerics
 * stripped from the namespace and name. The TargetGroupBinding takes its target group's name.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

const clean = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');
const hash10 = (parts: string[]) => bytesToHex(sha256(utf8ToBytes(parts.join('')))).slice(0, 10);
const name = (namespace: string, n: string, parts: string[]) => `k8s-${clean(namespace).slice(0, 8)}-${clean(n).slice(0, 8)}-${hash10(parts)}`;

/** A Service's NLB: sha256(clusterName, service UID, scheme). */
export function serviceLoadBalancerName(clusterName: string, namespace: string, service: string, uid: string, scheme: string): string {
  return name(namespace, service, [clusterName, uid, scheme]);
}

/**
 * A Service port's target group: sha256(clusterName, service UID, target port, service port,
 * target type, protocol, health check protocol, health check interval).
 */
export function serviceTargetGroupName(
  clusterName: string, namespace: string, service: string, uid: string,
  o: { tgPort: number; svcPort: number | string; targetType: string; protocol: string; hcProtocol: string; hcInterval: number },
): string {
  return name(namespace, service, [clusterName, uid, String(o.tgPort), String(o.svcPort), o.targetType, o.protocol, o.hcProtocol, String(o.hcInterval)]);
}

/** An implicit Ingress group's ALB: sha256(clusterName, group id `namespace/name`, scheme). */
export function ingressLoadBalancerName(clusterName: string, namespace: string, ingress: string, scheme: string): string {
  return name(namespace, ingress, [clusterName, `${namespace}/${ingress}`, scheme]);
}

/**
 * An Ingress backend's target group: sha256(clusterName, group id, Ingress namespace and name,
 * service UID, service port, target port, target type, protocol, protocol version).
 */
export function ingressTargetGroupName(
  clusterName: string, ingNamespace: string, ingName: string, svcNamespace: string, svcName: string, uid: string,
  o: { svcPort: number | string; tgPort: number; targetType: string; protocol: string; protocolVersion: string },
): string {
  return name(svcNamespace, svcName, [clusterName, `${ingNamespace}/${ingName}`, ingNamespace, ingName, uid, String(o.svcPort), String(o.tgPort), o.targetType, o.protocol, o.protocolVersion]);
}
