/**
 * From kube-proxy's configuration to the linux model's `KubeIptablesConfig`.
 */
import type { KubeIptablesConfig } from '../linux/kube-iptables.ts';
import { masqueradeMark, type ProxyConfig } from './model.ts';

export function kubeIptablesConfig(c: ProxyConfig): KubeIptablesConfig {
  return {
    masqueradeMark: masqueradeMark(c),
    localhostNodePorts: c.localhostNodePorts,
    nfacct: c.nfacct,
    conntrackTcpLiberal: c.conntrackTcpLiberal,
    randomFully: c.randomFully,
  };
}
