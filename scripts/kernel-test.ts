/**
 * Kernel differential test (`npm run test:kernel`): builds each scenario as a lab of
 * network namespaces (src/sim/lab), sends every flow through the real kernel and compares
 * it with the tracer (src/sim/trace): `ip route get` at each routing hop, the quoted
 * `ip rule`/`ip route` lines, reachability, the source the VPC fabric saw, and which
 * iptables rules' counters moved; and per lab, `ip -d link show` of every lo, host veth and pod
 * eth0 (kernel/link-details.ts). Prints one line per check and writes reports/kernel.json.
 *
 * Needs Linux, root and the tools of kernel/tools.ts; otherwise it says what is missing and
 * reports every check as skipped. Each run names its namespaces under its own prefix
 * (`vcxk<pid>-…`), so it leaves a developer's lab alone, and always removes them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNodeNetwork } from '../src/sim/linux/build.ts';
import { labNames, labPrefix } from '../src/sim/lab/names.ts';
import { labScript } from '../src/sim/lab/script.ts';
import { findEndpoint, buildWorld, type TraceWorld } from '../src/sim/trace/world.ts';
import { tracePacket, resolveDestination } from '../src/sim/trace/tracer.ts';
import { formatIpv4 } from '../src/sim/net/ipv4.ts';
import { entryChecks, routeChecks, trafficChecks, type Check } from './kernel/compare.ts';
import { samples, scenarios, type KernelScenario } from './kernel/scenarios.ts';
import { parseScenario, SAMPLE_SCENARIOS, type SampleName } from '../src/scenario/index.ts';
import { createSimulation } from '../src/sim/index.ts';
import type { ScenarioSpec } from '../src/sim/spec.ts';
import { worldFromSimulation } from '../src/sim/trace/world-at.ts';
import { Listeners, run } from './kernel/shell.ts';
import { missingTools, readmeDisagreement } from './kernel/tools.ts';
import { serviceFlowChecks, serviceFlows } from './kernel/services.ts';
import { linkDetailChecks } from './kernel/link-details.ts';

const REPORT = 'reports/kernel.json';
/**
 * How long one lab may take to build. A sample's lab runs one process per command (1,600 lines
 * for prefix-delegation with its CoreDNS pods and service chains); on a shared 2-core machine
 * at load 10 that took 219 s (measured), so 60 s failed a build that was merely slow.
 */
const LAB_BUILD_MS = 600_000;
/** This run's namespace prefix: its own, so a lab someone is using survives the test. */
const PREFIX = labPrefix(`vcxk${process.pid}`);
if (!PREFIX.ok) throw new Error(PREFIX.problem);
const NAMES = labNames(PREFIX.prefix);

function writeReport(body: object): void {
  mkdirSync('reports', { recursive: true });
  writeFileSync(REPORT, JSON.stringify(body, null, 2) + '\n');
}

function plannedChecks(): number {
  return scenarios.reduce((n, s) => n + s.flows.length, 0) + samples.length * 12 + 4 + scenarios.length + samples.length;
}

/** Outside CI a machine without root or tools skips; in CI (CI set) a skip is a failure. */
function skip(reason: string): never {
  console.log(`kernel test skipped: ${reason}`);
  writeReport({ passed: 0, failed: 0, skipped: plannedChecks(), reason });
  process.exit(process.env.CI ? 1 : 0);
}

let current: string[] = [];
const listeners = new Listeners();
function teardown(): void {
  listeners.closeAll();
  for (const ns of current) run(['ip', 'netns', 'del', ns]);
  current = [];
}

/** A sample scenario run by the engine, its nodes built into Linux models. */
function sampleWorld(sample: SampleName, atSeconds: number, alter?: (spec: ScenarioSpec) => ScenarioSpec): TraceWorld {
  const parsed = parseScenario(SAMPLE_SCENARIOS[sample]);
  if (!parsed.ok) throw new Error(`sample ${sample} does not parse`);
  const sim = createSimulation(alter ? alter(parsed.spec) : parsed.spec);
  sim.runUntil(atSeconds * 1000);
  return worldFromSimulation(sim);
}

function worldFor(sc: KernelScenario): TraceWorld {
  const inputs = sc.inputs();
  const nodes = inputs.map(buildNodeNetwork);
  sc.mutate?.(nodes);
  return buildWorld(nodes, { inputs, ...sc.world });
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') skip(`needs Linux network namespaces (this is ${process.platform})`);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) skip('needs root (network namespaces, iptables); run it as root');
  const missing = missingTools();
  if (missing.length) skip(`missing tools: ${missing.join(', ')}`);

  process.on('exit', teardown);
  const scratch = mkdtempSync(join(tmpdir(), 'vcx-kernel-'));
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));

  const started = Date.now();
  const results: Check[] = [];
  const report = (c: Check) => {
    results.push(c);
    console.log(c.ok ? `PASS ${c.name}: ${c.kernel}` : `FAIL ${c.name}\n     kernel: ${c.kernel}\n     sim:    ${c.sim}`);
  };
  const readme = readmeDisagreement('README.md');
  report({ name: 'README install list names the packages of the tools this test runs', ok: !readme, kernel: readme ?? 'same packages', sim: 'scripts/kernel/tools.ts' });

  const plans = [
    ...scenarios.map((sc) => ({ name: sc.name, world: () => worldFor(sc), flows: () => sc.flows })),
    ...samples.map((sc) => {
      let w: TraceWorld | undefined;
      const world = () => (w ??= sampleWorld(sc.sample, sc.atSeconds));
      return { name: sc.name, world, flows: () => sc.flows(world()) };
    }),
  ];
  for (const sc of plans) {
    const t0 = Date.now();
    const world = sc.world();
    const lab = labScript(world, NAMES.prefix);
    if (!lab.ok) {
      report({ name: `${sc.name}: lab builds`, ok: false, kernel: 'not run', sim: `labScript refused: ${lab.problem}` });
      continue;
    }
    current = lab.namespaces;
    // Run as users do: `bash lab.sh` on a file (its guard reads the file's first line).
    const file = join(scratch, 'lab.sh');
    writeFileSync(file, lab.script);
    const built = run(['bash', '--norc', '--noprofile', file], { timeoutMs: LAB_BUILD_MS });
    if (built.code !== 0) {
      report({ name: `${sc.name}: lab builds`, ok: false, kernel: built.stderr.trim().split('\n').slice(-3).join(' | '), sim: 'script from labScript()' });
      teardown();
      continue;
    }
    const t1 = Date.now();
    for (const c of linkDetailChecks(world, NAMES, sc.name)) report(c);
    const flows = sc.flows();
    for (const flow of flows) {
      const label = `${sc.name}: ${flow.from} → ${flow.to} ${flow.proto}${flow.dport ? `:${flow.dport}` : ''}${flow.connected ? ' (connected)' : ''}`;
      const sim = tracePacket(world, { from: flow.from, to: flow.to, proto: flow.proto, dport: flow.dport, connected: flow.connected });
      const dstIp = resolveDestination(world, flow.to) as number;
      const dstRef = findEndpoint(world, flow.to);
      const dstNs = dstRef ? NAMES.of(dstRef.id) : NAMES.inet;
      for (const c of routeChecks(world, NAMES, label, sim)) report(c);
      for (const c of entryChecks(world, NAMES, label, sim)) report(c);
      for (const c of await trafficChecks(world, NAMES, label, flow, sim, formatIpv4(dstIp), dstNs, listeners)) report(c);
    }
    teardown();
    // Where the run's time goes, per scenario (CI's budget for this step is about 3 minutes).
    console.log(`time ${sc.name}: lab ${((t1 - t0) / 1000).toFixed(1)} s, ${flows.length} flows ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }

  // Services: the engine's kube-proxy chains and an emulated NLB, with the kernel's own choices.
  {
    // Its second node group on AL2 (iptables-legacy), the first on AL2023's default (iptables-nft):
    // one lab checks kube-proxy's chains, counters and conntrack under both backends, cross-node flows included.
    const world = sampleWorld('nlb-ip-targets', 290, (spec) => ({ ...spec, nodeGroups: spec.nodeGroups.map((g, i) => (i === 1 ? { ...g, amiFamily: 'AL2' as const } : g)) }));
    const lab = labScript(world, NAMES.prefix);
    if (!lab.ok) report({ name: 'services (nlb-ip-targets): lab builds', ok: false, kernel: 'not run', sim: `labScript refused: ${lab.problem}` });
    else {
      current = lab.namespaces;
      const file = join(scratch, 'lab.sh');
      writeFileSync(file, lab.script);
      const built = run(['bash', '--norc', '--noprofile', file], { timeoutMs: LAB_BUILD_MS });
      if (built.code !== 0) report({ name: 'services (nlb-ip-targets): lab builds', ok: false, kernel: built.stderr.trim().split('\n').slice(-3).join(' | '), sim: 'script from labScript()' });
      else for (const flow of serviceFlows(world, NAMES)) for (const c of await serviceFlowChecks(world, NAMES, flow)) report(c);
      teardown();
    }
  }

  const passed = results.filter((c) => c.ok).length;
  const failed = results.length - passed;
  console.log(`kernel: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  writeReport({ passed, failed, skipped: 0 });
  // A failed check fails `npm test` itself, not only the CI summary.
  if (failed > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  teardown();
  console.error(`kernel test crashed: ${err instanceof Error ? err.stack : String(err)}`);
  writeReport({ passed: 0, failed: 1, reason: `crashed: ${String(err)}` });
  process.exit(1);
});
