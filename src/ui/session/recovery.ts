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
 * The replay is the session's `reattach`: the worker's `restore` with the scenario, the
 * commands the session recorded (the page's own copy: a crashed worker cannot be asked) and
 * the moment on screen.
 */
import type { ScenarioSpec, TimedCommand } from '../../sim/spec.ts';
import { formatSimTime } from '../components/format.ts';
import { msg } from '../i18n/text.ts';
import type { AppStore } from '../store/app-store.ts';
import type { SessionApi, SimSession } from './sim-session.ts';
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

export function createRecovery(
  store: AppStore, base: SimSession, host: Pick<WorkerHost<SessionApi>, 'api' | 'restart' | 'generation' | 'onFailure'>, now: () => number = () => performance.now(),
): Recovery {
  let recovering = false;
  let lastRecoveryAt: number | undefined;
  let pause: (() => void) | undefined;
  const state = () => store.getState();

  /** The last good scenario and the user's commands since (`at` in simulated seconds). */
  function journal(): Journal | undefined {
    const { spec, source } = state();
    return spec && { spec, source, commands: base.recorded().map((r) => ({ at: r.atMs / 1000, command: r.command })) };
  }

  async function recover(f: WorkerFailure): Promise<void> {
    if (recovering || f.generation < host.generation()) return;
    recovering = true;
    const atMs = state().snapshot?.timeMs ?? 0;
    const repeat = lastRecoveryAt !== undefined && now() - lastRecoveryAt < REPEAT_WINDOW_MS;
    if (repeat) pause?.();
    const what = f.crashed ? msg('recovery.crashed', { error: message(f.error) }) : msg('recovery.callFailed', { method: f.method, error: message(f.error) });
    try {
      host.restart();
      const j = journal();
      const ok = j ? await base.reattach(host.api) : false;
      state().showBanner(ok && j
        ? {
            tone: 'error', title: msg('recovery.restarted'),
            detail: msg(repeat ? 'recovery.replayedPaused' : 'recovery.replayed', { what, changes: j.commands.length, time: formatSimTime(atMs) }),
          }
        : { tone: 'error', title: msg('recovery.stopped'), detail: msg('recovery.replayFailed', { what }) });
    } catch (err) {
      state().showBanner({ tone: 'error', title: msg('recovery.stopped'), detail: msg('recovery.restartFailed', { what, error: message(err) }) });
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
      return base.load(spec, source, atMs, keepSelection).catch(() => false);
    },
    async restart(atMs) {
      if (recovering) return false;
      return base.restart(atMs).catch(() => false);
    },
    async rewind(atMs) {
      if (recovering) return { ok: false, dropped: 0 };
      return base.rewind(atMs).catch(() => ({ ok: false, dropped: 0 }));
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
        return await base.command(command);
      } catch (err) {
        return { ok: false, error: message(err) };
      }
    },
    cancelLoad: () => base.cancelLoad(),
    // A rejected view request is the recovery's to report; the panel just gets no answer.
    textView: (channel, kind, target) => (recovering ? Promise.resolve(undefined) : base.textView(channel, kind, target).catch(() => undefined)),
    typeCommand: (channel, target) => (recovering ? Promise.resolve(undefined) : base.typeCommand(channel, target).catch(() => undefined)),
    tracePoints: () => (recovering ? Promise.resolve(undefined) : base.tracePoints().catch(() => undefined)),
    trace: (request) => (recovering ? Promise.resolve(undefined) : base.trace(request).catch(() => undefined)),
    recorded: () => base.recorded(),
    reattach: (api) => base.reattach(api),
  };

  return {
    session,
    async reopen() {
      if (!state().spec || recovering) return false;
      // The worker is well (a panel broke): rebuild the same moment on it, selection cleared.
      const ok = await base.reattach(base.api).catch(() => false);
      if (ok) {
        state().select(undefined);
        state().showBanner(undefined);
      }
      return ok;
    },
    journal,
    setPause: (p) => { pause = p; },
  };
}
