import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { exampleInputs } from './example-world.ts';
import { formatIpRule, formatRoute } from './format.ts';

// The real-kernel capture of the b.5 worked example (src/sim/linux/fixtures, iproute2 6.1).
const fixture = (name: string) => readFileSync(new URL(`../linux/fixtures/${name}`, import.meta.url), 'utf8').split('\n').filter(Boolean);

describe('lines as iproute2 prints them', () => {
  const node = buildNodeNetwork(exampleInputs()[0]);

  it('every ip rule of the b.5 node, character for character', () => {
    expect(node.host.rules.map(formatIpRule)).toEqual(fixture('node.ip-rule.txt'));
  });

  it('table 2 routes as `ip route show table 2` prints them', () => {
    const lines = node.host.routes.filter((r) => r.table === 2).map(formatRoute);
    expect(lines.toSorted()).toEqual(fixture('node.ip-route-table-2.txt').map((l) => l.trim()).toSorted());
  });

  it('main-table routes the tracer quotes appear in `ip route`', () => {
    const real = fixture('node.ip-route.txt').map((l) => l.trim());
    for (const r of node.host.routes.filter((x) => x.table === 254)) expect(real).toContain(formatRoute(r));
  });
});
