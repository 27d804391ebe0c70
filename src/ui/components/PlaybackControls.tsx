/** Play/pause, step to the next event, speed and the simulated clock. */
import { useLingui } from '@lingui/react';
import { useSelector } from '@xstate/react';
import { SPEEDS } from '../playback/playback-machine.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';
import { currentShareState } from '../lessons/share-state.ts';
import { formatSimTime } from './format.ts';
import { PauseIcon, PlayIcon, RestartIcon, StepIcon } from './icons.tsx';

export function PlaybackControls() {
  const { playback, session } = useSession();
  const store = useAppStore();
  /** From the start, keeping the learner's edits: their commands and the lesson's steps as edited. */
  const restart = async () => {
    playback.send({ type: 'PAUSE' });
    const { spec } = await currentShareState(store, session.api);
    await session.load(spec, store.getState().source, 0);
  };
  const state = useSelector(playback, (s) => s.value);
  const speed = useSelector(playback, (s) => s.context.speed);
  const timeMs = useApp((s) => s.snapshot?.timeMs ?? 0);
  const nextMs = useApp((s) => s.nextEventMs);
  const playing = state === 'playing';
  const { _ } = useLingui();
  return (
    <div className="playback" role="group" aria-label={_('playback.group')}>
      <button type="button" className="icon" onClick={() => void restart()} aria-label={_('playback.restart')} title={_('playback.restartTitle')}><RestartIcon /></button>
      <button type="button" className={`icon play ${playing ? 'on' : ''}`} onClick={() => playback.send({ type: 'TOGGLE' })} aria-label={playing ? _('playback.pause') : _('playback.play')} aria-pressed={playing} title={_('playback.playTitle')} data-testid="play">
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" className="icon" onClick={() => playback.send({ type: 'STEP' })} aria-label={_('playback.step')} title={_('playback.stepTitle')} disabled={state === 'stepping'} data-testid="step"><StepIcon /></button>
      <label className="speed">
        <span className="sr-only">{_('playback.speed')}</span>
        <select value={speed} onChange={(e) => playback.send({ type: 'SET_SPEED', speed: Number(e.target.value) })} data-testid="speed">
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
      <div className="clock" aria-live="off" title={nextMs !== undefined ? _('playback.nextEvent', { time: formatSimTime(nextMs) }) : _('playback.noEvents')}>
        <span className="label">{_('playback.simTime')}</span>
        <output data-testid="sim-time">{formatSimTime(timeMs)}</output>
      </div>
    </div>
  );
}
