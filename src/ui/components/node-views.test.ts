/** The node inspector's terminal tabs: `ip -d link show` last; kube-proxy's IPVS mode adds `ipvsadm -Ln` and `ipset list`. */
import { describe, expect, it } from 'vitest';
import { nodeViews } from './NodeInspector.tsx';

describe('node inspector tabs', () => {
  it('name the node in describe node, and add ipvsadm and ipset only in IPVS mode', () => {
    const iptables = nodeViews('ip-192-168-1-64', false);
    expect(iptables.find((v) => v.kind === 'kubectl-describe-node')!.command).toBe('kubectl describe node ip-192-168-1-64');
    expect(iptables.map((v) => v.kind)).not.toContain('ipvsadm -Ln');
    // Every node's devices with their details (the branch pods' vlan.eth.N: 802.1Q id, parent).
    expect(iptables.at(-1)).toEqual({ kind: 'ip -d link show', command: 'ip -d link show' });
    const ipvs = nodeViews('ip-192-168-1-64', true);
    expect(ipvs.slice(-2)).toEqual([{ kind: 'ipvsadm -Ln', command: 'ipvsadm -Ln' }, { kind: 'ipset list', command: 'ipset list' }]);
    expect(ipvs.slice(0, -2)).toEqual(iptables);
  });
});
