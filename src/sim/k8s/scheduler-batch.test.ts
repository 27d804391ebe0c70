/**
 * A scheduling backlog is worked off in passes of at most 1,000 pods, each its own event at
 * the same instant, so no single engine event runs for seconds (a 30,000-replica link).
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';

describe('scheduler backlog', () => {
  it('considers at most 1,000 pods per event and still reaches every pod in the same instant', () => {
    // CoreDNS scaled to 0 (as the warm-pool tests do): this counts only the backlog it places.
    const d = scenario().nodes('m5.large', 2).coreDns(0).deployment('web', 2500).start();
    const unschedulable = () => [...d.engine.cluster.pods.values()].filter((p) => p.reason === 'Unschedulable').length;
    const seen: number[] = [];
    while (d.engine.nextEventTime() === 0) {
      d.engine.runSome(0, 1);
      seen.push(unschedulable());
    }
    // The nodes are not Ready at t=0: every pod fails, 1,000 per pass.
    expect(seen.filter((n, i) => n !== (seen[i - 1] ?? 0))).toEqual([1000, 2000, 2500]);
    expect(d.k8sEvents('FailedScheduling')).toHaveLength(2500);
  });

  it('binds a backlog larger than a pass once nodes are ready', () => {
    const d = scenario().nodes('m5.large', 60).deployment('web', 0).start().runUntil(30);
    d.scale('web', 1500).runUntil(31);
    expect(d.pods('web').filter((p) => p.node).length).toBe(1500);
  });
});
