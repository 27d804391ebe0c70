/** Play / pause, step back and forward, and speed for the packet player. */
import type { ActorRefFrom } from 'xstate';
import { useSelector } from '@xstate/react';
import { PauseIcon, PlayIcon, StepIcon } from '../components/icons.tsx';
import { PLAYER_SPEEDS, type packetPlayerMachine } from './packet-player-machine.ts';

export function PlayerControls({ player }: { player: ActorRefFrom<typeof packetPlayerMachine> }) {
  const playing = useSelector(player, (s) => s.matches('playing'));
  const idle = useSelector(player, (s) => s.matches('idle'));
  const { index, count, speed } = useSelector(player, (s) => s.context);
  return (
    <div className="pw-player playback" role="group" aria-label="Packet player">
      <button type="button" className="icon" disabled={idle || index === 0} onClick={() => player.send({ type: 'STEP_BACK' })} aria-label="Step back one hop" title="Step back (←)" data-testid="pw-back">
        <span className="flip"><StepIcon /></span>
      </button>
      <button type="button" className="icon play" disabled={idle} onClick={() => player.send({ type: 'TOGGLE' })} aria-label={playing ? 'Pause the packet' : 'Play the packet'} aria-pressed={playing} title="Play / pause (Space)" data-testid="pw-play">
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" className="icon" disabled={idle || index >= count - 1} onClick={() => player.send({ type: 'STEP_FORWARD' })} aria-label="Step forward one hop" title="Step forward (→)" data-testid="pw-forward">
        <StepIcon />
      </button>
      <label>
        <span className="sr-only">Packet speed</span>
        <select value={speed} onChange={(e) => player.send({ type: 'SET_SPEED', speed: Number(e.target.value) })} data-testid="pw-speed">
          {PLAYER_SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
    </div>
  );
}
