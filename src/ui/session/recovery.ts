/**
 * Keeps the learner's session alive through failures. It wraps the SimSession the app uses:
 *
 * - it keeps a journal of the last good scenario: the spec that last loaded, and every
 *   command the user applied since, with its simulated time;
 * - a worker call that rejects, or a worker that crashes (worker-host.ts), becomes a banner,
 *   a fresh worker, and a replay of the journal to the moment the picture showed;
 * - session calls never reject (a rejection is the recovery's business, not the caller's);
 * - `reopen()` replays the journal on demand: the error boundaries' "Reopen the last good
 *   scenario".
 *
 * The replay folds the recorded commands into the spec's timeline and loads it at the moment
 * (what shareState() does for share links); it lives in `replay` alone so that a replay API
 * of the worker can take its place.
 */
import type { ScenarioSpec, TimedCommand } from '../../sim/spec.ts';
import { formatSimTime, plural } from '../components/format.ts';
import type { AppStore } from '../store/app-store.ts';
import type { SimSession } from './sim-session.ts';
import type { WorkerFailure, WorkerHost } from './worker-host.ts';

/** The last scenario that loaded, and what the user did to it since. */
export interface Journal {
  spec: ScenarioSpec;
  source: string;
  /** Applied commands, `at` in simulated seconds as in a timeline. */
  commands: TimedCommand[];
}

export interface Recovery {
  /** The session for the app: the same calls, never rejecting, journaled. */
  session: SimSession;
  /** Replays the last good scenario to the current moment, selection cleared. */
  reopen(): Promise<boolean>;
  journal(): Journal | undefined;
  /** How to pause playback when a failure repeats right after a restart. */
  setPause(pause: () => void): void;
}

/** A second failure within this much wall time of a recovery pauses playback (no restart loop). */
export const REPEAT_WINDOW_MS = 10_000;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The journal as one spec: the recorded commands folded into the timeline, in time order. */
export function foldJournal(j: Journal): ScenarioSpec {
  return j.commands.length === 0 ? j.spec : { ...j.spec, timeline: [...j.spec.timeline, ...j.commands].toSorted((a, b) => a.at - b.at) };
}

export function createRecovery(
  store: AppStore, base: SimSession, host: Pick<WorkerHost<unknown>, 'restart' | 'generation' | 'onFailure'>, now: () => number = () => performance.now(),
): Recovery {
  let journal: Journal | undefined;
  let recovering = false;
  let lastRecoveryAt: number | undefined;
  let pause: (() => void) | undefined;
  const state = () => store.getState();

  /** Loads the journal at `atMs`; the store keeps the original spec, so Restart still starts clean. */
  async function replay(j: Journal, atMs: number, keepSelection: boolean): Promise<boolean> {
    const ok = await base.load(foldJournal(j), j.source, atMs, keepSelection);
    if (ok) state().setScenario(j.spec, j.source, atMs);
    return ok;
  }

  async function recover(f: WorkerFailure): Promise<void> {
    if (recovering || f.generation < host.generation()) return;
    recovering = true;
    const atMs = state().snapshot?.timeMs ?? 0;
    const repeat = lastRecoveryAt !== undefined && now() - lastRecoveryAt < REPEAT_WINDOW_MS;
    if (repeat) pause?.();
    const what = `${f.crashed ? 'The simulation worker crashed' : `A call to the simulator (${f.method}) failed`}: ${message(f.error)}`;
    try {
      host.restart();
      const j = journal;
      const ok = j ? await replay(j, atMs, true) : false;
      state().showBanner(ok && j
        ? {
            tone: 'error', title: 'The simulator stopped and was restarted',
            detail: `${what}. Your scenario${j.commands.length ? ` and your ${plural(j.commands.length, 'change')}` : ''} ` +
              `were replayed to ${formatSimTime(atMs)}.${repeat ? ' It failed again soon after the last restart, so playback is paused.' : ''}`,
          }
        : { tone: 'error', title: 'The simulator stopped', detail: `${what}. Replaying the scenario did not work either; pick a scenario to go on.` });
    } catch (err) {
      state().showBanner({ tone: 'error', title: 'The simulator stopped', detail: `${what}. Restarting it failed too (${message(err)}); reload the page.` });
    } finally {
      recovering = false;
      lastRecoveryAt = now();
    }
  }
  host.onFailure((f) => void recover(f));

  const session: SimSession = {
    get api() { return base.api; },
    async load(spec, source, atMs, keepSelection) {
      if (recovering) return false;
      const ok = await base.load(spec, source, atMs, keepSelection).catch(() => false);
      if (ok) journal = { spec, source, commands: [] };
      return ok;
    },
    async restart(atMs) {
      if (recovering) return false;
      const ok = await base.restart(atMs).catch(() => false);
      const { spec, source } = state();
      if (ok && spec) journal = { spec, source, commands: [] };
      return ok;
    },
    async advance(ms) {
      if (!recovering) await base.advance(ms).catch(() => {});
    },
    async step() {
      const at = state().snapshot?.timeMs ?? 0;
      return recovering ? at : base.step().catch(() => at);
    },
    async command(command) {
      if (recovering) return { ok: false, error: 'the simulator is restarting' };
      try {
        const r = await base.command(command);
        if (r.ok && journal) journal.commands.push({ at: (state().snapshot?.timeMs ?? 0) / 1000, command });
        return r;
      } catch (err) {
        return { ok: false, error: message(err) };
      }
    },
  };

  return {
    session,
    async reopen() {
      if (!journal || recovering) return false;
      const ok = await replay(journal, state().snapshot?.timeMs ?? 0, false);
      if (ok) state().showBanner(undefined);
      return ok;
    },
    journal: () => journal,
    setPause: (p) => { pause = p; },
  };
}
