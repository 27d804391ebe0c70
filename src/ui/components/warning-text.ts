/** Plain-language explanations of the engine's node warnings, for learners and debuggers. */
import type { WarningView } from '../../sim/view.ts';

export const WARNING_EXPLANATIONS: Record<WarningView['code'], string> = {
  MaxPodsReached: 'kubelet’s --max-pods is reached: the scheduler places no more pods here, whatever IPs are free. New pods stay Pending with “Too many pods”.',
  EniLimitReached: 'Every ENI the instance type allows is attached and full. ipamd cannot add addresses; pods that need one fail in ContainerCreating until one is released.',
  SubnetExhausted: 'The subnet has no free addresses left (InsufficientFreeAddressesInSubnet). ipamd backs off for 120 s before trying to grow again.',
  Throttled: 'EC2 answered RequestLimitExceeded: ipamd is calling AssignPrivateIpAddresses / AttachNetworkInterface faster than the token bucket refills.',
  NoIpAvailable: 'A pod asked for an IP while the warm pool was empty (awscni_no_available_ip_addresses). kubelet retries the sandbox while ipamd grows the pool.',
  IpamdNotRunning: 'aws-node is not running on this node (for example a refused setting), so no pod here can get an IP.',
  Ipv6NotModelled: 'ENABLE_IPv6=true would put a real node in IPv6 mode. The simulator does not model IPv6 mode, so this node is still shown in IPv4 mode: its addresses, routes and EC2 calls are not what an IPv6 node has.',
};
