/**
 * A drop on the packet walk explained for someone who has not met the mechanism, naming the fix.
 * The explanation is chosen from the tracer's English note (what the hop says) and given as a
 * message of the packet walk's catalogue (panels/<lang>.po: its English loads with the walk);
 * what the note quotes (an iptables rule) is inserted as it is.
 */
import { msg, type Msg } from '../i18n/text.ts';

/** The explanation of a drop whose note is `reason`, or undefined for a drop it does not know (the note itself is shown). */
export function explainDrop(reason: string): Msg | undefined {
  if (reason.startsWith('source/destination check')) return msg('walk.drop.sourceDestCheck');
  if (reason.startsWith('early demux')) return msg('walk.drop.earlyDemux');
  if (reason.includes('no 0.0.0.0/0 route')) return msg('walk.drop.noDefaultRoute');
  if (reason.includes('rp_filter')) return msg('walk.drop.rpFilter');
  if (reason.startsWith('no route') || reason.includes('unreachable')) return msg('walk.drop.noRoute');
  if (reason.startsWith('no ENI in the VPC owns')) return msg('walk.drop.noOwner');
  if (reason.includes('internet gateway translates only')) return msg('walk.drop.noPublicIp');
  if (reason.includes('not a public IP')) return msg('walk.drop.notPublic');
  if (reason.startsWith('dropped in')) return msg('walk.drop.iptables', { rule: reason.replace('dropped in ', '') });
  if (reason.includes('ip_forward')) return msg('walk.drop.noForwarding');
  if (reason.startsWith('martian')) return msg('walk.drop.martian');
  return undefined;
}
