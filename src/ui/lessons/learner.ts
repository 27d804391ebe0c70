/**
 * The learner stays in charge. Rule: once the learner scales or deletes a deployment, the
 * script's later `scale` / `deleteDeployment` commands for that deployment are muted (kept
 * and listed, struck through, and the learner may unmute them), because a scripted change
 * that silently undoes what the learner just did teaches the wrong thing ("I scaled to 30,
 * pressed play, and it went back to 5"). Other scripted commands (env, nodes) still run:
 * they do not undo the learner's own change. Muting replays the scenario, with the
 * learner's commands, to the current moment.
 */
import type { Command, ScenarioSpec, TimedCommand } from '../../sim/spec.ts';
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import { msg } from '../i18n/text.ts';
import { currentShareState } from './share-state.ts';

const DEFAULT_NS = 'default';

/** The deployment a command changes the size of, as `namespace/name`, or undefined. */
export function scaledDeployment(c: Command): string | undefined {
  if (c.type === 'scale' || c.type === 'deleteDeployment') return `${c.namespace ?? DEFAULT_NS}/${c.deployment}`;
  return undefined;
}

/**
 * The timeline with the script's entries after `afterS` that resize `deployment` muted;
 * `scripted` are the entries the scenario came with (the learner's own are never muted).
 */
export function muteLaterScript(timeline: readonly TimedCommand[], scripted: ReadonlySet<TimedCommand>, deployment: string, afterS: number): { timeline: TimedCommand[]; muted: number } {
  let muted = 0;
  const out = timeline.map((t) => {
    if (t.muted || !scripted.has(t) || t.at <= afterS || scaledDeployment(t.command) !== deployment) return t;
    muted++;
    return { ...t, muted: true };
  });
  return { timeline: out, muted };
}

/** Mutes or unmutes timeline entry `index` of `spec`. */
export function toggleMute(spec: ScenarioSpec, index: number): ScenarioSpec {
  return { ...spec, timeline: spec.timeline.map((t, i) => (i === index ? (t.muted ? withoutMute(t) : { ...t, muted: true }) : t)) };
}

function withoutMute(t: TimedCommand): TimedCommand {
  const { muted: _muted, ...rest } = t;
  return rest;
}

/** An entry's identity across copies of a timeline: its moment and its command. */
const key = (t: TimedCommand) => `${t.at}|${JSON.stringify(t.command)}`;

/** Applies the learner's command; if it resizes a deployment, mutes the script's later resizes of it (replaying to now). */
export async function learnerCommand(store: AppStore, session: SimSession, command: Command): Promise<void> {
  const r = await session.command(command);
  const deployment = scaledDeployment(command);
  const spec = store.getState().spec;
  if (!r.ok || !deployment || !spec) return;
  const now = (store.getState().snapshot?.timeMs ?? 0) / 1000;
  const scripted = new Set(spec.timeline);
  const later = spec.timeline.filter((t) => !t.muted && t.at > now && scaledDeployment(t.command) === deployment);
  if (later.length === 0) return;
  const shared = await currentShareState(store, session.api);
  // The page's spec entries are the script; shareState's are copies, so match by position in time and content.
  const scriptKeys = new Set([...scripted].map(key));
  const scriptedShared = new Set(shared.spec.timeline.filter((t) => t.at > now && scriptKeys.has(key(t))));
  const { timeline, muted } = muteLaterScript(shared.spec.timeline, scriptedShared, deployment, now);
  if (muted === 0) return;
  if (await session.load({ ...shared.spec, timeline }, store.getState().source, Math.round(now * 1000), true)) {
    store.getState().showBanner({
      tone: 'info',
      title: msg('lesson.learner.stays', { deployment }),
      detail: msg('lesson.learner.muted', { count: muted, deployment }),
    });
  }
}
