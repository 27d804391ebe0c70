/**
 * The packet walk: pick a source and a destination, walk the packet through the node's
 * datapath hop by hop (player, hop list, the deciding rule in the real tool's text) and copy
 * the transcript. The trace runs in the worker; this panel only shows it.
 * A shared link's walk (`pendingHop` in the store) runs once the scenario is loaded and
 * seeks to its hop; the walk on screen and its hop go back to the store for the share link.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { PacketWalk, TracePoint } from '../../worker/protocol.ts';
import { formatSimTime } from '../components/format.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';
import { shortNode } from './datapath-layout.ts';
import { DatapathView } from './DatapathView.tsx';
import { focusNodes } from './hop-model.ts';
import { HopList } from './HopList.tsx';
import { packetPlayerMachine } from './packet-player-machine.ts';
import { packetWalkStore, usePacketWalk } from './packet-walk-store.ts';
import type { WalkLink } from '../links/view-state.ts';
import { PlayerControls } from './PlayerControls.tsx';
import { ToolPanel } from './ToolPanel.tsx';
import { TranscriptPanel } from './TranscriptPanel.tsx';
import { WalkPickers } from './WalkPickers.tsx';

export function PacketWalkPanel() {
  const appStore = useAppStore();
  const { session } = useSession();
  const seq = useApp((s) => `${s.generation}:${s.snapshot?.lastEventSeq ?? 0}`);
  const picking = usePacketWalk((s) => s.picking);
  const [points, setPoints] = useState<TracePoint[]>([]);
  const [walk, setWalk] = useState<PacketWalk | undefined>();
  const [busy, setBusy] = useState(false);
  /** The request of the walk on screen (the pickers may have moved on since). */
  const [walkReq, setWalkReq] = useState<Omit<WalkLink, 'hop'> | undefined>();
  /** Why a shared link's walk is not shown as linked. */
  const [linkNote, setLinkNote] = useState<string | undefined>();
  const loaded = useApp((s) => s.snapshot !== undefined);
  const pendingHop = usePacketWalk((s) => s.pendingHop);
  const player = useActorRef(packetPlayerMachine);
  const index = useSelector(player, (s) => s.context.index);

  // The pickable pods change as the simulation runs.
  useEffect(() => {
    let live = true;
    session.tracePoints().then((p) => {
      if (!live || p === undefined) return;
      setPoints(p);
      const st = packetWalkStore.getState();
      // A shared walk keeps its source until it has run (and says so if the pod is gone).
      if (st.pendingHop === undefined && (!st.from || !p.some((x) => x.id === st.from))) st.set({ from: p.find((x) => x.kind === 'pod')?.id ?? '' });
    }, () => { if (live) setPoints([]); });
    return () => { live = false; };
    // `seq` is a deliberate re-run trigger: the points depend on worker state, not on props.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [seq, session]);

  // Picking on the map: the next pod selected in the cluster picture becomes the endpoint.
  useEffect(() => {
    if (!picking) return;
    return appStore.subscribe((s, prev) => {
      if (s.selection === prev.selection || s.selection?.kind !== 'pod') return;
      packetWalkStore.getState().show({ [picking]: s.selection.id });
    });
  }, [picking, appStore]);

  /** Runs the walk in the pickers, or a shared link's walk and shows its hop (1-based). */
  const run = useCallback(async (link?: WalkLink) => {
    const { from, to, proto, port } = link ?? packetWalkStore.getState();
    const seekHop = link?.hop;
    setBusy(true);
    setLinkNote(undefined);
    try {
      const dport = proto === 'icmp' || port === '' ? undefined : Number(port);
      const w = await session.trace({ from, to, proto, ...(dport ? { dport } : {}) });
      // A newer walk was asked for meanwhile: it shows instead.
      if (w === undefined) return;
      setWalk(w);
      setWalkReq({ from, to, proto, port });
      player.send(w.ok ? { type: 'LOAD', count: w.result.hops.length } : { type: 'UNLOAD' });
      if (seekHop !== undefined) {
        const count = w.ok ? w.result.hops.length : 0;
        if (!w.ok) setLinkNote('The packet walk in this link could not be repeated in this scenario.');
        else if (seekHop > count) setLinkNote(`The link points at hop ${seekHop}, but this walk has ${count} hops; showing hop 1.`);
        else player.send({ type: 'SEEK', index: seekHop - 1 });
      }
    } catch (err) {
      setWalk({ ok: false, error: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }, [player, session]);

  // A shared link's walk: run it once the scenario (at the link's moment) is loaded.
  // The store is read (and the link taken) synchronously, so StrictMode's second run finds nothing.
  useEffect(() => {
    const st = packetWalkStore.getState();
    if (!loaded || pendingHop === undefined || st.pendingHop === undefined) return;
    const link: WalkLink = { from: st.from, to: st.to, proto: st.proto, port: st.port, hop: st.pendingHop };
    st.set({ pendingHop: undefined });
    void Promise.resolve(link).then(run);
  }, [loaded, pendingHop, run]);

  // The walk on screen and its hop, for the share link.
  useEffect(() => {
    packetWalkStore.getState().set({ shown: walk?.ok && walkReq ? { ...walkReq, hop: index + 1 } : undefined });
  }, [walk, walkReq, index]);
  useEffect(() => () => packetWalkStore.getState().set({ shown: undefined }), []);

  const onKey = (e: KeyboardEvent) => {
    // The panel has its own keys; the app's time shortcuts must not fire underneath it.
    e.stopPropagation();
    const t = e.target as HTMLElement;
    if (e.key === 'Escape') packetWalkStore.getState().close();
    if (t.closest('input, select, textarea')) return;
    if (e.key === 'ArrowRight') { e.preventDefault(); player.send({ type: 'STEP_FORWARD' }); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); player.send({ type: 'STEP_BACK' }); }
    else if (e.key === ' ' && !t.closest('button, summary')) { e.preventDefault(); player.send({ type: 'TOGGLE' }); }
  };

  if (picking) {
    return (
      <div className="pw-picking" role="status">
        Click a pod in the picture to use it as the {picking === 'from' ? 'source' : 'destination'}.
        <button type="button" className="small" onClick={() => packetWalkStore.getState().set({ picking: undefined })}>Cancel</button>
      </div>
    );
  }

  const ok = walk?.ok ? walk : undefined;
  const hop = ok?.result.hops[index];
  const node = ok ? focusNodes(ok.result.hops)[index] : undefined;
  return (
    <section id="packet-walk" className="pw" role="dialog" aria-label="Packet walk" tabIndex={-1} onKeyDown={onKey}>
      <div className="pw-head">
        <h2>Packet walk</h2>
        <WalkPickers points={points} onWalk={() => void run()} busy={busy} />
        <button type="button" className="ghost small pw-close" onClick={() => packetWalkStore.getState().close()} aria-label="Close the packet walk">Close ✕</button>
      </div>
      {linkNote && <div className="callout bad" role="status" data-testid="pw-link-note">{linkNote}</div>}
      {walk && !walk.ok && <div className="callout bad" role="alert">{walk.error}</div>}
      {!walk && <p className="hint pw-empty">Choose where the packet starts and where it goes, then press <strong>Walk</strong>. The walk is taken at the current simulated time; ← → step through it.</p>}
      {ok && hop && (
        <div className="pw-body">
          <div className="pw-main">
            <div className="pw-bar">
              <PlayerControls player={player} />
              <p className="pw-verdict" data-testid="pw-verdict">
                {ok.result.delivered && ok.result.replied ? 'Delivered, and the reply came back' : ok.result.delivered ? 'Delivered, but the reply was dropped' : 'Dropped'}
                {ok.result.fabricSource ? ` · the VPC saw source ${ok.result.fabricSource}` : ''} · at {formatSimTime(ok.timeMs)}
              </p>
            </div>
            <DatapathView walk={ok} index={index} label={`Datapath of node ${node ?? ''}, hop ${index + 1}: ${hop.note}`} />
            <p className="pw-node-caption">node {node ? shortNode(node) : '—'}</p>
            <ToolPanel hop={hop} index={index} count={ok.result.hops.length} ns={ok.namespaces.find((n) => n.id === hop.where.ns)} conntrack={ok.result.conntrack} />
          </div>
          <aside className="pw-side">
            <HopList hops={ok.result.hops} index={index} onPick={(i) => player.send({ type: 'SEEK', index: i })} />
            <TranscriptPanel text={ok.transcript} />
          </aside>
        </div>
      )}
    </section>
  );
}
