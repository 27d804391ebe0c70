/**
 * The engine's explanations in the reader's language: each ipamd and VPC resource controller
 * event carries its sentence as a message id and values (src/sim/engine-text.ts) next to the
 * English `message` the CLI prints. Rendered in English from the content catalogue's
 * templates (content/en.po), that form must give the engine's own sentence, character for
 * character, for every such event of every shipped sample and lesson; and every id the
 * engine can give has a translation, with the same arguments, in every language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupI18n } from '@lingui/core';
import { describe, expect, it } from 'vitest';
import { lastMomentMs } from '../../scenario/moment.ts';
import { LESSONS } from '../../scenario/lessons/index.ts';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { ENGINE_TEXT_IDS, type EngineText } from '../../sim/engine-text.ts';
import { walk } from '../../scenario/lessons/measure.ts';
import { createSimulation } from '../../sim/index.ts';
import { scenario } from '../../sim/testing/driver.ts';
import { tracePacket } from '../../sim/trace/tracer.ts';
import { worldFromSimulation } from '../../sim/trace/world-at.ts';
import type { SimEvent } from '../../sim/view.ts';
import { messages as englishTemplates } from './content/en.po';
import { icuArguments, parsePo, TOOL_NAMES } from './po.test-support.ts';
import { textIn } from './text.ts';

const DIR = new URL('content/', import.meta.url).pathname;
const readPo = (locale: string) => parsePo(readFileSync(join(DIR, `${locale}.po`), 'utf8'), locale);
const ENGLISH = readPo('en');
const TRANSLATED = new Map(['zh-TW', 'zh-CN', 'ko'].map((l) => [l, readPo(l)] as const));

const i18n = setupI18n();
i18n.loadAndActivate({ locale: 'en', messages: englishTemplates });

type Said = Extract<SimEvent, { kind: 'ipamd' | 'controller' }>;

/** Every ipamd and controller event of a scenario run to its last moment and two minutes on. */
function said(json: unknown): Said[] {
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const sim = createSimulation(parsed.spec);
  sim.runUntil(lastMomentMs(parsed.spec) + 120_000);
  return sim.eventsSince(0).filter((e): e is Said => e.kind === 'ipamd' || e.kind === 'controller');
}

/** The sandbox with a learner's env edits: a refused value, IPv6, a switch to prefix delegation and back. */
const EDITED = {
  ...SAMPLE_SCENARIOS.sandbox,
  deployments: [{ name: 'web', replicas: 5 }],
  timeline: [
    { at: 10, command: { type: 'setEnv', name: 'WARM_ENI_TARGET', value: '-1' } },
    { at: 60, command: { type: 'setEnv', name: 'WARM_ENI_TARGET', value: null } },
    { at: 120, command: { type: 'setEnv', name: 'ENABLE_IPv6', value: 'true' } },
    { at: 180, command: { type: 'setEnv', name: 'ENABLE_IPv6', value: null } },
    { at: 240, command: { type: 'setEnv', name: 'ENABLE_PREFIX_DELEGATION', value: 'true' } },
    { at: 300, command: { type: 'scale', deployment: 'web', replicas: 0 } },
    { at: 400, command: { type: 'setEnv', name: 'ENABLE_PREFIX_DELEGATION', value: null } },
  ],
};

const RUNS: [string, unknown][] = [
  ...SAMPLE_NAMES.map((n) => [`sample ${n}`, SAMPLE_SCENARIOS[n]] as [string, unknown]),
  ...LESSONS.map((l) => [`lesson ${l.id}`, l.scenario] as [string, unknown]),
  ['the sandbox with env edits', EDITED],
];

/** The ids a text and the texts among its values use. */
function idsOf(text: EngineText): string[] {
  return [text.id, ...Object.values(text.values ?? {}).flatMap((v) => (typeof v === 'object' ? idsOf(v) : []))];
}

describe('the engine\'s explanations as message ids and values', () => {
  const seen = new Set<string>();

  it.each(RUNS)('%s: each ipamd and controller sentence, rendered in English from its id and values, is the engine\'s own', (_name, json) => {
    const events = said(json);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.text, e.message).toBeDefined();
      if (!e.text) continue;
      expect(textIn(i18n, e.text)).toBe(e.message);
      for (const id of idsOf(e.text)) seen.add(id);
    }
  });

  it('met most of the ids in the shipped scenarios (the rest are errors and rare paths)', () => {
    expect(seen.size).toBeGreaterThanOrEqual(28);
  });
});

describe("a node warning's sentence as a message id and values", () => {
  it.each(RUNS)('%s: every node warning, sampled every 20 s, rendered in English from its id and values, is the engine\'s own', (_name, json) => {
    const parsed = parseScenario(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const sim = createSimulation(parsed.spec);
    const end = lastMomentMs(parsed.spec) + 120_000;
    for (let t = 0; t <= end; t += 20_000) {
      sim.runUntil(t);
      for (const w of sim.snapshot().nodes.flatMap((n) => n.warnings)) expect(textIn(i18n, w.text), w.code).toBe(w.message);
    }
  });
});

describe('the packet walk\'s hop explanations as message ids and values', () => {
  /** Every packet walk a lesson step shows, at that step's moment. */
  const walks = LESSONS.flatMap((lesson) => (lesson.scenario.steps ?? []).flatMap((step, i) => {
    const pw = step.view?.pw;
    return pw ? [[`${lesson.id} step ${i + 1}`, lesson.scenario, step.at, pw.split('|').slice(0, 4).join('|')] as const] : [];
  }));

  it('has walks to check', () => expect(walks.length).toBeGreaterThanOrEqual(9));

  it('kube-proxy in IPVS mode: a pod and a node to a ClusterIP, and a virtual server with no real server', () => {
    const ids = new Set<string>();
    for (const replicas of [2, 0]) {
      const d = scenario().kubeProxyMode('ipvs').nodes('m5.large', 2)
        .deploymentSpec({ name: 'web', replicas, labels: { app: 'web' }, ports: [{ containerPort: 8080, protocol: 'TCP' }] })
        .deploymentSpec({ name: 'client', replicas: 1, labels: { app: 'client' } })
        .service({ name: 'web', selector: { app: 'web' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }] } as Parameters<ReturnType<typeof scenario>['service']>[0])
        .runUntil(60);
      const w = worldFromSimulation(d.engine);
      const client = d.snapshot().pods.find((p) => p.deployment === 'client');
      const clusterIP = d.engine.services.services.get('default/web')?.clusterIP ?? '';
      for (const from of [`default/${client?.name ?? ''}`, client?.node ?? '']) {
        for (const hop of tracePacket(w, { from, to: clusterIP, proto: 'tcp', dport: 80 }).hops) {
          expect(hop.text, hop.note).toBeDefined();
          if (hop.text) expect(textIn(i18n, hop.text)).toBe(hop.note);
          for (const id of hop.text ? idsOf(hop.text) : []) ids.add(id);
        }
      }
    }
    expect([...ids]).toEqual(expect.arrayContaining(['sim.ipvs.picks', 'sim.ipvs.routeByDestination', 'sim.hop.ipvsReplyBack', 'sim.ipvs.noRealServer']));
  });

  it.each([['nlb-ip-targets', 'ui/ui-nlb'], ['alb-ingress', 'ui/ui']] as const)('the %s sample: from the internet through the load balancer and back', (sample, lb) => {
    const parsed = parseScenario(SAMPLE_SCENARIOS[sample]);
    if (!parsed.ok) throw new Error('invalid');
    const sim = createSimulation(parsed.spec);
    sim.runUntil(320_000);
    const hops = walk(sim, `internet|loadbalancer:${lb}|tcp|80`).hops;
    expect(hops.map((h) => h.text?.id)).toEqual(expect.arrayContaining(['sim.lb.forwards', 'sim.lb.replyBack']));
    for (const hop of hops) {
      expect(hop.text, hop.note).toBeDefined();
      if (hop.text) expect(textIn(i18n, hop.text)).toBe(hop.note);
    }
  });

  it('the private-subnets sample: a pod to the internet through the NAT gateway, before and after AWS_VPC_K8S_CNI_EXTERNALSNAT=true', () => {
    const parsed = parseScenario(SAMPLE_SCENARIOS['private-subnets-nat-gateway']);
    if (!parsed.ok) throw new Error('invalid');
    const sim = createSimulation(parsed.spec);
    const notes = new Set<string>();
    for (const at of [60_000, 180_000]) {
      sim.runUntil(at);
      const pod = sim.snapshot().pods.find((p) => p.phase === 'Running' && !p.hostNetwork && p.namespace === 'default');
      if (!pod) throw new Error('no pod');
      for (const hop of walk(sim, `${pod.namespace}/${pod.name}|external|tcp|443`).hops) {
        expect(hop.text, hop.note).toBeDefined();
        if (hop.text) expect(textIn(i18n, hop.text)).toBe(hop.note);
        notes.add(hop.text?.id ?? '');
      }
    }
    expect([...notes]).toEqual(expect.arrayContaining(['sim.hop.tableToNat', 'sim.hop.natTranslates', 'sim.hop.natToEip', 'sim.hop.natReplyBack']));
  });

  it.each(walks)('%s: every hop has its note as a text, and the text in English is the note', (_name, json, at, pw) => {
    const parsed = parseScenario(json);
    if (!parsed.ok) throw new Error('invalid');
    const sim = createSimulation(parsed.spec);
    sim.runUntil(at * 1000);
    const hops = walk(sim, pw).hops;
    expect(hops.length).toBeGreaterThan(3);
    for (const hop of hops) {
      expect(hop.text, hop.note).toBeDefined();
      if (hop.text) expect(textIn(i18n, hop.text)).toBe(hop.note);
    }
  });
});

describe('the engine\'s message catalogue', () => {
  it('has an English template for every id the engine can give, and no other sim.* id', () => {
    const templates = [...ENGLISH.keys()].filter((id) => id.startsWith('sim.'));
    expect(templates.toSorted()).toEqual([...ENGINE_TEXT_IDS].toSorted());
  });

  it('every id the engine names in its source is one of ENGINE_TEXT_IDS, and each is used', async () => {
    const { readdirSync } = await import('node:fs');
    const root = new URL('../../sim/', import.meta.url).pathname;
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'engine-text.ts');
    const used = new Set(files.flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/'(sim\.[a-zA-Z]+\.[a-zA-Z0-9]+)'/g)].map((m) => m[1])));
    expect([...used].toSorted()).toEqual([...ENGINE_TEXT_IDS].toSorted());
  });

  it('translates every id into every language with the same arguments, keeping tool names', () => {
    for (const id of ENGINE_TEXT_IDS) {
      const english = ENGLISH.get(id) ?? '';
      for (const [locale, messages] of TRANSLATED) {
        const text = messages.get(id);
        expect(text, `${locale} ${id}`).toBeTruthy();
        expect(icuArguments(text ?? ''), `${locale} ${id}`).toEqual(icuArguments(english));
        for (const name of new Set(english.match(TOOL_NAMES) ?? [])) expect(text, `${locale} ${id}: ${name}`).toContain(name);
      }
    }
  });
});
