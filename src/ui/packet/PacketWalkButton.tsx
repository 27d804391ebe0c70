/** The top bar's entry to the packet walk; the panel itself is mounted here too. */
import { Panel } from '../components/Panel.tsx';
import { PacketWalkPanel } from './PacketWalkPanel.tsx';
import { packetWalkStore, usePacketWalk } from './packet-walk-store.ts';
import './packet.css';

export function PacketWalkButton() {
  const open = usePacketWalk((s) => s.open);
  return (
    <>
      <button type="button" className={open ? 'primary' : ''} aria-expanded={open} aria-controls="packet-walk" onClick={() => (open ? packetWalkStore.getState().close() : packetWalkStore.getState().show())} data-testid="packet-walk-open">
        Packet walk
      </button>
      {open && <Panel area="packet walk" fallbackClass="pw-broken"><PacketWalkPanel /></Panel>}
    </>
  );
}
