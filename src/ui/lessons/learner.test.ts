import { describe, expect, it } from 'vitest';
import type { TimedCommand } from '../../sim/spec.ts';
import { fakeSpec } from '../../worker/fake-engine.test-support.ts';
import { muteLaterScript, scaledDeployment, toggleMute } from './learner.ts';

const scale = (at: number, deployment: string, replicas: number, namespace?: string): TimedCommand =>
  ({ at, command: { type: 'scale', deployment, replicas, ...(namespace ? { namespace } : {}) } });

describe('the learner stays in charge', () => {
  it('names the deployment a scale or delete resizes, and nothing else', () => {
    expect(scaledDeployment({ type: 'scale', deployment: 'web', replicas: 3 })).toBe('default/web');
    expect(scaledDeployment({ type: 'deleteDeployment', deployment: 'api', namespace: 'shop' })).toBe('shop/api');
    expect(scaledDeployment({ type: 'setEnv', name: 'WARM_IP_TARGET', value: '2' })).toBeUndefined();
  });

  it('mutes only the script\'s later resizes of that deployment, never the learner\'s own or other deployments\'', () => {
    const script = [scale(10, 'web', 5), scale(60, 'web', 20), scale(60, 'api', 2), { at: 90, command: { type: 'setEnv', name: 'X', value: '1' } } as TimedCommand, scale(120, 'web', 35)];
    const mine = scale(30, 'web', 30);
    const timeline = [script[0], mine, ...script.slice(1)];
    const r = muteLaterScript(timeline, new Set(script), 'default/web', 30);
    expect(r.muted).toBe(2);
    expect(r.timeline.map((t) => [t.at, t.muted ?? false])).toEqual([[10, false], [30, false], [60, true], [60, false], [90, false], [120, true]]);
    expect(muteLaterScript(timeline, new Set(script), 'shop/web', 30).muted).toBe(0);
  });

  it('mutes and unmutes one entry', () => {
    const spec = fakeSpec({ timeline: [scale(10, 'web', 5), scale(20, 'web', 6)] });
    const muted = toggleMute(spec, 1);
    expect(muted.timeline[1]).toEqual({ ...scale(20, 'web', 6), muted: true });
    expect(toggleMute(muted, 1).timeline[1]).toEqual(scale(20, 'web', 6));
  });
});
