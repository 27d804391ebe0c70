/**
 * The ReplicaSet controller keeps exactly `replicas` pods. Generated names have a
 * 5-character suffix from a 27-letter alphabet (14.3 million names), so a deployment of
 * 20,000 pods almost surely draws the same name twice; the controller must retry, as the
 * API server's AlreadyExists makes the real one do, not silently lose a pod.
 */
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../clock/event-queue.ts';
import { Random } from '../clock/random.ts';
import { Cluster } from './cluster.ts';

describe('ReplicaSet controller', () => {
  it('creates exactly replicas pods with distinct names, even when generated names clash', () => {
    const cluster = new Cluster(new EventQueue(), new Random(3), () => undefined);
    cluster.addDeployment({ name: 'web', namespace: 'default', replicas: 20_000, labels: { app: 'web' } });
    const names = [...cluster.pods.values()].map((p) => p.name);
    expect(names).toHaveLength(20_000);
    expect(new Set(names).size).toBe(20_000);
    expect(names.every((n) => /^web-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toBe(true);
    cluster.scale('default', 'web', 12_345);
    expect(cluster.pods.size).toBe(12_345);
  });
});
