/**
 * Kubernetes- and EC2-shaped names: ReplicaSet pod-template hashes and pod suffixes use
 * the apimachinery "safe" alphabet (no vowels, no 0/1/3), node names follow EC2's
 * private DNS (ip-10-0-1-23.us-west-2.compute.internal; ec2.internal in us-east-1).
 */
import type { Random } from '../clock/random.ts';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function safeString(random: Random, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += SAFE[random.int(SAFE.length)];
  return s;
}

export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

/** A containerd sandbox id: 64 hex characters. */
export function sandboxId(random: Random): string {
  return random.hex(64);
}

export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
