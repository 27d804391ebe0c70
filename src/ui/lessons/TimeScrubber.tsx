/**
 * The time scrubber: drag (or arrow-key) to any moment from the start to the furthest one
 * reached or scripted, and the worker replays the scenario with the user's commands up to it
 * (`SimSession.rewind`, deterministic, so the same moment always looks the same). Playback
 * pauses first; the replay runs when the thumb is let go, not at every pixel of a drag.
 * Commands made after the chosen moment are undone, and a banner says how many.
 */
import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { msg } from '../i18n/text.ts';
import { formatSimTime } from '../components/format.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';

/** How far past the last scripted command the scrubber reaches, so its effect can be seen. */
const AFTER_SCRIPT_MS = 60_000;

export function TimeScrubber() {
  const { _ } = useLingui();
  const { session, playback } = useSession();
  const spec = useApp((s) => s.spec);
  const timeMs = useApp((s) => s.snapshot?.timeMs ?? 0);
  const busy = useApp((s) => s.loading !== undefined || s.openingLink);
  const showBanner = useApp((s) => s.showBanner);
  const [furthest, setFurthest] = useState({ spec, ms: 0 });
  const [draft, setDraft] = useState<number | undefined>(undefined);
  // The furthest moment reached in this scenario (a new scenario starts over): state adjusted
  // while rendering, React's pattern for state derived from what came before.
  if (furthest.spec !== spec || timeMs > furthest.ms) setFurthest({ spec, ms: timeMs });
  const lastScripted = Math.max(0, ...(spec?.timeline ?? []).map((t) => t.at * 1000)) + AFTER_SCRIPT_MS;
  const max = Math.ceil(Math.max(furthest.ms, timeMs, lastScripted) / 10_000) * 10_000;

  const go = async (atMs: number) => {
    setDraft(undefined);
    if (atMs === timeMs) return;
    playback.send({ type: 'PAUSE' });
    const r = await session.rewind(atMs);
    if (r.ok && r.dropped > 0) {
      showBanner({
        tone: 'info', title: msg('scrubber.at', { time: formatSimTime(atMs) }),
        detail: msg('scrubber.undone', { count: r.dropped }),
      });
    }
  };
  const shown = draft ?? timeMs;
  return (
    <label className="time-scrubber" data-testid="time-scrubber">
      <span className="muted">{_('scrubber.goTo')}</span>
      <input
        type="range" min={0} max={max} step={1000} value={Math.min(shown, max)} disabled={busy || !spec}
        aria-label={_('scrubber.label')} aria-valuetext={formatSimTime(shown)}
        onChange={(e) => setDraft(Number(e.currentTarget.value))}
        onPointerUp={(e) => void go(Number(e.currentTarget.value))}
        onKeyUp={(e) => { if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key.startsWith('Page')) void go(Number(e.currentTarget.value)); }}
        onKeyDown={(e) => e.stopPropagation()}
      />
      <output>{formatSimTime(shown)}</output>
    </label>
  );
}
