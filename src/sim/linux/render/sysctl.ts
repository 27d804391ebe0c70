/** `sysctl <key>` lines: `net.ipv4.conf.eth0.rp_filter = 2`. */
import type { Netns } from '../model.ts';

/** `sysctl net.ipv4.conf.<iface>.rp_filter`, or for every interface (all, default, then by ifindex). */
export function renderRpFilter(ns: Netns, iface?: string): string {
  const names = iface ? [iface] : ['all', 'default', ...ns.links.map((l) => l.name)];
  let out = '';
  for (const n of names) {
    const key = `net.ipv4.conf.${n}.rp_filter`;
    const value = ns.sysctls[key];
    out += value === undefined ? `sysctl: cannot stat /proc/sys/net/ipv4/conf/${n}/rp_filter: No such file or directory\n` : `${key} = ${value}\n`;
  }
  return out;
}

/** `sysctl <key>` for any key the namespace holds. */
export function renderSysctl(ns: Netns, key: string): string {
  const value = ns.sysctls[key];
  return value === undefined ? `sysctl: cannot stat /proc/sys/${key.replaceAll('.', '/')}: No such file or directory\n` : `${key} = ${value}\n`;
}
