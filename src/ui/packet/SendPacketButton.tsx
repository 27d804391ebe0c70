/** "Send a packet from here": opens the packet walk with this pod as the source. */
import { useLingui } from '@lingui/react';
import { packetWalkStore } from './packet-walk-store.ts';

export function SendPacketButton({ pod }: { pod: string }) {
  const { _ } = useLingui();
  return (
    <button type="button" className="small" onClick={() => packetWalkStore.getState().show({ from: pod })} data-testid="send-packet">
      {_('walk.sendFromHere')}
    </button>
  );
}
