/**
 * The EKS cluster security group: EKS creates it with the cluster and names it
 * `eks-cluster-sg-<cluster>-<unique id>` (EKS User Guide, "View Amazon EKS security group
 * requirements for clusters"); managed node groups that name no group get it. Its id here is
 * `sg-0` + 16 hex digits derived from the cluster and VPC, so a scenario and a view agree on it.
 */

/** FNV-1a 32-bit of `text` from `offset`, as 8 hex digits. */
function fnv1a(text: string, offset: number): string {
  let h = offset;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The cluster security group's id for `clusterName` in `vpcId`. */
export function deriveClusterSecurityGroupId(clusterName: string, vpcId: string): string {
  const text = `sg|${clusterName}|${vpcId}`;
  return `sg-0${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x050c5d1f)}`;
}

/** Its GroupName: the EKS prefix, the cluster, and a 10-digit unique id (derived here from the group id). */
export function clusterSecurityGroupName(clusterName: string, groupId: string): string {
  const digits = String(Number.parseInt(fnv1a(groupId, 0x811c9dc5), 16)).padStart(10, '0').slice(-10);
  return `eks-cluster-sg-${clusterName}-${digits}`;
}
