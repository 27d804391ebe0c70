/**
 * The top bar's entry to the packet walk; the panel itself is mounted here too, loaded the
 * first time it opens (its chunk is not part of the first paint).
 */
import { useLingui } from '@lingui/react';
import { lazy, Suspense } from 'react';
import { Panel } from '../components/Panel.tsx';
import { packetWalkStore, usePacketWalk } from './packet-walk-store.ts';
import './packet.css';

const PacketWalkPanel = lazy(() => import('./PacketWalkPanel.tsx').then((m) => ({ default: m.PacketWalkPanel })));

export function PacketWalkButton() {
  const open = usePacketWalk((s) => s.open);
  const { _ } = useLingui();
  return (
    <>
      <button type="button" className={open ? 'primary' : ''} aria-expanded={open} aria-controls="packet-walk" onClick={() => (open ? packetWalkStore.getState().close() : packetWalkStore.getState().show())} data-testid="packet-walk-open">
        {_('walk.title')}
      </button>
      {open && <Panel area="packet walk" fallbackClass="pw-broken"><Suspense fallback={<p className="pw-loading" role="status">{_('walk.opening')}</p>}><PacketWalkPanel /></Suspense></Panel>}
    </>
  );
}
