/**
 * The packet walk: pick a source and a destination, walk the packet through the node's
 * datapath hop by hop (player, hop list, the deciding rule in the real tool's text) and copy
 * the transcript. The trace runs in the worker; this panel only shows it.
 * A shared link's walk (`pendingHop` in the store) runs once the scenario is loaded and
 * seeks to its hop; the walk on screen and its hop go back to the store for the share link.
 */
// First: this panel's English words (src/ui/i18n/panel-english.ts).
import '../i18n/panel-english.ts';
import { useLingui } from '@lingui/react';
import { useActorRef, useSelector } from '@xstate/react';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PacketWalk, TracePoint } from '../../worker/protocol.ts';
import { formatSimTime } from '../components/format.ts';
import { msg, useText, type Text } from '../i18n/text.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';
import { shortNode } from '../../scenario/event-summary.ts';
import { DatapathView } from './DatapathView.tsx';
import { focusNodes } from './hop-model.ts';
import { HopList } from './HopList.tsx';
import { packetPlayerMachine } from './packet-player-machine.ts';
import { packetWalkStore, usePacketWalk } from './packet-walk-store.ts';
import type { WalkLink } from '../links/view-state.ts';
import { PacketTabs, type PacketTab } from './PacketTabs.tsx';
import { hopIndexFor, packetName } from './packets.ts';
import { PlayerControls } from './PlayerControls.tsx';
import { ToolPanel } from './ToolPanel.tsx';
import { useEngineText } from '../i18n/content.ts';
import { TranscriptPanel } from './TranscriptPanel.tsx';
import { WalkPickers } from './WalkPickers.tsx';

/** A packet being compared: its slot (colour, letter, shape), its request and walk once run. */
interface Slot { slot: number; req?: Omit<WalkLink, 'hop'>; walk?: PacketWalk }
const FIRST: Slot[] = [{ slot: 0 }];

/**
 * A hint whose `<0>…</0>` (the Walk button's name, where each language puts it) is shown bold.
 * Lingui's <Trans> would do it too, but would bring its formatter into the first paint.
 */
function Strong({ text }: { text: string }) {
  const m = /^([^]*)<0>([^]*)<\/0>([^]*)$/.exec(text);
  return m ? <>{m[1]}<strong>{m[2]}</strong>{m[3]}</> : <>{text}</>;
}

export function PacketWalkPanel() {
  const appStore = useAppStore();
  const { _ } = useLingui();
  const say = useText();
  const { session } = useSession();
  const said = useEngineText();
  const seq = useApp((s) => `${s.generation}:${s.snapshot?.lastEventSeq ?? 0}`);
  const picking = usePacketWalk((s) => s.picking);
  const [points, setPoints] = useState<TracePoint[]>([]);
  /** The packets compared (one unless the user adds more), and the one the pickers and hop list follow. */
  const [slots, setSlots] = useState<Slot[]>(FIRST);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const walk = slots[active]?.walk;
  /** The request of the walk on screen (the pickers may have moved on since). */
  const walkReq = slots[active]?.req;
  /** Why a shared link's walk is not shown as linked. */
  const [linkNote, setLinkNote] = useState<Text | undefined>();
  const loaded = useApp((s) => s.snapshot !== undefined);
  const pendingHop = usePacketWalk((s) => s.pendingHop);
  const mapView = usePacketWalk((s) => s.view) === 'map';
  const player = useActorRef(packetPlayerMachine);
  const index = useSelector(player, (s) => s.context.index);
  // `run` is async: it writes the answer to the slot that was active when it was asked.
  const slotsRef = useRef(slots);
  const activeRef = useRef(active);
  useEffect(() => { slotsRef.current = slots; activeRef.current = active; }, [slots, active]);

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
    const at = activeRef.current;
    setBusy(true);
    setLinkNote(undefined);
    try {
      const dport = proto === 'icmp' || port === '' ? undefined : Number(port);
      const w = await session.trace({ from, to, proto, ...(dport ? { dport } : {}) });
      // A newer walk was asked for meanwhile: it shows instead.
      if (w === undefined) return;
      const next = slotsRef.current.map((sl, k) => (k === at ? { ...sl, walk: w, req: { from, to, proto, port } } : sl));
      setSlots(next);
      slotsRef.current = next;
      const longest = Math.max(0, ...next.map((sl) => (sl.walk?.ok ? sl.walk.result.hops.length : 0)));
      player.send(longest > 0 ? { type: 'LOAD', count: longest } : { type: 'UNLOAD' });
      if (seekHop !== undefined) {
        const count = w.ok ? w.result.hops.length : 0;
        if (!w.ok) setLinkNote(msg('walk.linkNotRepeated'));
        else if (seekHop > count) setLinkNote(msg('walk.linkHopMissing', { hop: seekHop, count }));
        else player.send({ type: 'SEEK', index: seekHop - 1 });
      }
    } catch (err) {
      const failed: PacketWalk = { ok: false, error: err instanceof Error ? err.message : String(err) };
      setSlots((cur) => cur.map((sl, k) => (k === at ? { ...sl, walk: failed } : sl)));
    } finally {
      setBusy(false);
      // The Walk button was disabled while the walk ran, which drops focus to the page: bring it
      // back into the panel so ← → and Esc keep working (WCAG 2.4.3, focus order).
      requestAnimationFrame(() => {
        const panel = document.getElementById('packet-walk');
        if (panel && !panel.contains(document.activeElement)) panel.focus();
      });
    }
  }, [player, session]);
  const walkPicked = useCallback(() => void run(), [run]);

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
    packetWalkStore.getState().set({ shown: walk?.ok && walkReq ? { ...walkReq, hop: hopIndexFor(walk, index) + 1, ...(mapView ? { view: 'map' as const } : {}) } : undefined });
  }, [walk, walkReq, index, mapView]);

  // The packets, the followed one and the hop, for the cluster picture.
  useEffect(() => {
    const packets = slots.flatMap((sl) => (sl.walk?.ok ? [{ walk: sl.walk, slot: sl.slot }] : []));
    const at = packets.findIndex((p) => p.slot === slots[active]?.slot);
    packetWalkStore.getState().set({ map: packets.length ? { packets, active: Math.max(0, at), index } : undefined });
  }, [slots, active, index]);
  useEffect(() => () => packetWalkStore.getState().set({ shown: undefined, map: undefined }), []);

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
        {picking === 'from' ? _('walk.pickSource') : _('walk.pickDestination')}
        <button type="button" className="small" onClick={() => packetWalkStore.getState().set({ picking: undefined })}>{_('action.cancel')}</button>
      </div>
    );
  }

  const ok = walk?.ok ? walk : undefined;
  const hopIndex = ok ? hopIndexFor(ok, index) : 0;
  const hop = ok?.result.hops[hopIndex];
  const node = ok ? focusNodes(ok.result.hops)[hopIndex] : undefined;
  const packets = slots.flatMap((sl) => (sl.walk?.ok ? [{ walk: sl.walk, slot: sl.slot }] : []));
  const activePacket = packets.findIndex((p) => p.slot === slots[active]?.slot);
  const pick = (i: number) => {
    setActive(i);
    const req = slots[i]?.req;
    if (req) packetWalkStore.getState().set(req);
  };
  const add = () => {
    const used = new Set(slots.map((sl) => sl.slot));
    const slot = [0, 1, 2, 3].find((k) => !used.has(k)) ?? 0;
    setSlots([...slots, { slot }]);
    setActive(slots.length);
  };
  const remove = (i: number) => {
    const next = slots.filter((_slot, k) => k !== i);
    setSlots(next);
    const a = Math.max(0, Math.min(i, next.length - 1));
    setActive(a);
    const req = next[a]?.req;
    if (req) packetWalkStore.getState().set(req);
  };
  const tabs: PacketTab[] = slots.map((sl) => ({ slot: sl.slot, text: sl.req ? `${sl.req.from} → ${sl.req.to}` : _('walk.notWalked') }));
  return (
    <section id="packet-walk" className={`pw${mapView && ok ? ' docked' : ''}`} role="dialog" aria-label={_('walk.title')} tabIndex={-1} onKeyDown={onKey}>
      <div className="pw-head">
        <h2>{_('walk.title')}</h2>
        {ok && (
          <div className="pw-views" role="group" aria-label={_('walk.views')}>
            <button type="button" className="small" aria-pressed={mapView} onClick={() => packetWalkStore.getState().set({ view: 'map', follow: true })} data-testid="pw-view-map">{_('walk.onMap')}</button>
            <button type="button" className="small" aria-pressed={!mapView} onClick={() => packetWalkStore.getState().set({ view: 'node' })} data-testid="pw-view-node">{_('walk.inNode')}</button>
          </div>
        )}
        <WalkPickers points={points} onWalk={walkPicked} busy={busy} />
        <button type="button" className="ghost small pw-close" onClick={() => packetWalkStore.getState().close()} aria-label={_('walk.closeLabel')}>{_('action.closeX')}</button>
      </div>
      {(slots.length > 1 || ok) && <PacketTabs tabs={tabs} active={active} onPick={pick} onAdd={add} onRemove={remove} />}
      {linkNote && <div className="callout bad" role="status" data-testid="pw-link-note">{say(linkNote)}</div>}
      {walk && !walk.ok && <div className="callout bad" role="alert">{walk.error}</div>}
      {!walk && slots.length > 1 && <p className="hint pw-empty"><Strong text={_('walk.emptyCompare')} /></p>}
      {!walk && slots.length === 1 && <p className="hint pw-empty"><Strong text={_('walk.empty')} /></p>}
      {ok && hop && (
        <div className="pw-body">
          <div className="pw-main">
            <div className="pw-bar">
              <PlayerControls player={player} />
              <p className="pw-verdict" data-testid="pw-verdict">
                {ok.result.delivered && ok.result.replied ? _('walk.verdict.replied') : ok.result.delivered ? _('walk.verdict.replyDropped') : _('walk.verdict.dropped')}
                {ok.result.fabricSource ? ` · ${_('walk.vpcSawSource', { ip: ok.result.fabricSource })}` : ''} · {_('walk.at', { time: formatSimTime(ok.timeMs) })}
              </p>
            </div>
            {!mapView && (
              <>
                <DatapathView packets={packets} active={Math.max(0, activePacket)} index={index} node={node} onSeek={(i) => player.send({ type: 'SEEK', index: i })}
                  label={_('walk.datapathLabel', { node: node ?? '', packet: packetName(_, slots[active]?.slot ?? 0), hop: hopIndex + 1, note: said(hop.note, hop.text) })} />
                <p className="pw-node-caption">{_('walk.nodeCaption', { node: node ? shortNode(node) : '—' })}</p>
              </>
            )}
            <ToolPanel hop={hop} index={hopIndex} count={ok.result.hops.length} ns={ok.namespaces.find((n) => n.id === hop.where.ns)} conntrack={ok.result.conntrack} />
          </div>
          <aside className="pw-side">
            <HopList hops={ok.result.hops} index={hopIndex} onPick={(i) => player.send({ type: 'SEEK', index: i })} />
            <TranscriptPanel text={ok.transcript} />
          </aside>
        </div>
      )}
    </section>
  );
}
