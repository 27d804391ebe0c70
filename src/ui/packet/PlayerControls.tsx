/** Play / pause, step back and forward, and speed for the packet player. */
import { useLingui } from '@lingui/react';
import type { ActorRefFrom } from 'xstate';
import { useSelector } from '@xstate/react';
import { PauseIcon, PlayIcon, StepIcon } from '../components/icons.tsx';
import { PLAYER_SPEEDS, type packetPlayerMachine } from './packet-player-machine.ts';

export function PlayerControls({ player }: { player: ActorRefFrom<typeof packetPlayerMachine> }) {
  const { _ } = useLingui();
  const playing = useSelector(player, (s) => s.matches('playing'));
  const idle = useSelector(player, (s) => s.matches('idle'));
  const { index, count, speed } = useSelector(player, (s) => s.context);
  return (
    <div className="pw-player playback" role="group" aria-label={_('walk.player')}>
      <button type="button" className="icon" disabled={idle || index === 0} onClick={() => player.send({ type: 'STEP_BACK' })} aria-label={_('walk.stepBack')} title={_('walk.stepBackTitle')} data-testid="pw-back">
        <span className="flip"><StepIcon /></span>
      </button>
      <button type="button" className="icon play" disabled={idle} onClick={() => player.send({ type: 'TOGGLE' })} aria-label={playing ? _('walk.pause') : _('walk.play')} aria-pressed={playing} title={_('walk.playTitle')} data-testid="pw-play">
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" className="icon" disabled={idle || index >= count - 1} onClick={() => player.send({ type: 'STEP_FORWARD' })} aria-label={_('walk.stepForward')} title={_('walk.stepForwardTitle')} data-testid="pw-forward">
        <StepIcon />
      </button>
      <label>
        <span className="sr-only">{_('walk.speed')}</span>
        <select value={speed} onChange={(e) => player.send({ type: 'SET_SPEED', speed: Number(e.target.value) })} data-testid="pw-speed">
          {PLAYER_SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
    </div>
  );
}
