/**
 * Hosts the d3 topology controller: React creates it once and feeds it store updates;
 * the controller owns the pixels. Zoom buttons and the legend sit on top.
 */
import { useLingui } from '@lingui/react';
import { useEffect, useRef } from 'react';
import { createPacketMap } from '../packet/map-layer.ts';
import { packetWalkStore, usePacketWalk } from '../packet/packet-walk-store.ts';
import { msg, type Say } from '../i18n/text.ts';
import { createTopology, type TopologyController } from '../topology/topology-controller.ts';
import { dockedCover } from '../topology/zoom-controller.ts';
import { useApp, useAppStore } from '../store/context.tsx';
import { Legend } from './Legend.tsx';
import { ProblemsList } from './ProblemsList.tsx';

/**
 * The user takes the camera (a wheel, a drag, or a camera button: zoom, Fit, Focus): during a
 * walk on the map it stops following the packet until "Follow packet" is pressed again.
 */
function takeCamera(): void {
  const pw = packetWalkStore.getState();
  if (pw.follow && pw.map && pw.view === 'map') pw.set({ follow: false });
}

export function TopologyView() {
  const svgRef = useRef<SVGSVGElement>(null);
  const ctl = useRef<TopologyController | null>(null);
  const store = useAppStore();
  const selection = useApp((s) => s.selection);
  const empty = useApp((s) => (s.snapshot ? s.snapshot.nodes.length === 0 : false));
  const { i18n, _ } = useLingui();
  /** The pictures' words follow the page's language: d3 reads the latest `_` through this. */
  const say = useRef<Say>(_);
  const relabel = useRef<() => void>(() => {});

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    // After a pan or zoom the cards draw their ENI rows and pods a frame later: the packet moves onto them then.
    const onViewDrawn = () => { const pw = packetWalkStore.getState(); if (pw.open && pw.view === 'map' && pw.map) drawPackets(); };
    // `has`: the engine's sentences (a node warning's tooltip) are translated only where the language has them.
    const words: Say = Object.assign((id: string, values?: Record<string, string | number>) => say.current(id, values), {
      has: (id: string) => i18n.locale !== 'en' && id in i18n.messages,
    });
    const c = createTopology(svg, (sel) => store.getState().select(sel), (cam) => store.getState().setCamera(cam), takeCamera, onViewDrawn, words);
    ctl.current = c;
    let frame = 0;
    let drawnGeneration = -1;
    let failedGeneration = -1;
    const render = () => {
      frame = 0;
      const s = store.getState();
      if (!s.snapshot) return;
      // A shared link's camera belongs to the first picture of its own load only.
      const camera = s.generation !== drawnGeneration ? s.initialCamera : undefined;
      try {
        c.update({ snapshot: s.snapshot, generation: s.generation, selection: s.selection, highlight: s.highlight, camera });
      } catch (err) {
        // Drawing runs in a frame callback, outside React's error boundaries: say it once per scenario.
        if (failedGeneration !== s.generation) {
          failedGeneration = s.generation;
          s.showBanner({ tone: 'error', action: 'reopen', title: msg('boundary.brokeIn', { area: msg('boundary.area.picture') }), detail: msg('topology.panelsWork', { error: err instanceof Error ? err.message : String(err) }) });
        }
      }
      drawnGeneration = s.generation;
      if (camera) s.setInitialCamera(undefined);
      drawPackets();
    };
    // The packet walk on the map: drawn over the picture, in step with the walk panel's hop.
    const packetMap = createPacketMap(svg, words);
    // Fit shows the map's badges outside the VPC too (the internet, a load balancer).
    c.alsoFit(() => packetMap.fitExtra());
    relabel.current = () => { c.relabel(); drawPackets(); };
    let followed = '';
    const drawPackets = () => {
      const pw = packetWalkStore.getState();
      const nodes = store.getState().snapshot?.nodes ?? [];
      const on = pw.open && pw.view === 'map' && pw.map;
      const pt = packetMap.update(on ? { ...pw.map!, nodes, boxOf: (n) => c.nodeBox(n) } : undefined);
      if (!on) followed = '';
      // The camera follows the packet (unless the user took it): glide it to the middle of
      // the part of the picture the docked walk panel leaves free.
      if (pt && pw.follow && followed !== pt.join()) {
        followed = pt.join();
        const r = svg.getBoundingClientRect();
        const free = r.width - dockedCover(r).right;
        c.follow(pt[0], pt[1], Math.max(0.2, Math.min(0.5, free / 2 / Math.max(1, r.width))));
      }
    };
    const unsubWalk = packetWalkStore.subscribe((w, prev) => {
      if (w.follow && !prev.follow) followed = '';
      if (w.map !== prev.map || w.view !== prev.view || w.open !== prev.open || w.follow !== prev.follow) drawPackets();
    });
    render();
    // Coalesce store changes into one draw per animation frame.
    const unsub = store.subscribe((s, prev) => {
      // A new zoom only resizes the packet markers (they keep their size on screen); a pan
      // (the camera following the packet comes to rest after every hop) changes nothing on them.
      if (s.camera !== prev.camera && s.camera?.k !== prev.camera?.k) drawPackets();
      if (s.snapshot === prev.snapshot && s.selection === prev.selection && s.highlight === prev.highlight && s.generation === prev.generation) return;
      if (!frame) frame = requestAnimationFrame(render);
    });
    // Presenter text, a full-screen projector or a resized window: a self-fitting picture refits.
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => c.resized()) : undefined;
    resize?.observe(svg);
    return () => { relabel.current = () => {}; unsub(); unsubWalk(); packetMap.destroy(); resize?.disconnect(); if (frame) cancelAnimationFrame(frame); c.destroy(); ctl.current = null; };
  }, [store, i18n]);

  // A language switch: the picture is drawn again in it (not on the first render, drawn just now).
  useEffect(() => {
    if (say.current === _) return;
    say.current = _;
    relabel.current();
  }, [_]);

  const focusNode = selection?.node ?? (selection?.kind === 'node' ? selection.id : undefined);
  const walkOnMap = usePacketWalk((w) => w.open && w.view === 'map' && w.map !== undefined);
  const follow = usePacketWalk((w) => w.follow);
  return (
    <section className="stage" aria-label={_('topology.label')}>
      <svg ref={svgRef} className="topology" role="group" aria-label={_('topology.svg')} data-testid="topology" />
      <div className="stage-tools" role="toolbar" aria-label={_('topology.zoom')}>
        <button type="button" className="icon" onClick={() => { takeCamera(); ctl.current?.zoomBy(1.4); }} aria-label={_('topology.zoomIn')}>+</button>
        <button type="button" className="icon" onClick={() => { takeCamera(); ctl.current?.zoomBy(1 / 1.4); }} aria-label={_('topology.zoomOut')}>−</button>
        <button type="button" className="icon text" onClick={() => { takeCamera(); ctl.current?.fit(); }} aria-label={_('topology.fitLabel')}>{_('topology.fit')}</button>
        <button type="button" className="icon text" disabled={!focusNode} onClick={() => { if (focusNode) { takeCamera(); ctl.current?.focusNode(focusNode); } }} aria-label={_('topology.focusLabel')}>{_('topology.focus')}</button>
        {walkOnMap && (
          <button type="button" className="icon text" aria-pressed={follow} onClick={() => packetWalkStore.getState().set({ follow: !follow })} data-testid="pm-follow"
            title={_('topology.followTitle')}>{_('topology.follow')}</button>
        )}
      </div>
      {empty && (
        <div className="stage-empty" role="status">
          <strong>{_('topology.empty')}</strong>
          <span>{_('topology.emptyHint')}</span>
        </div>
      )}
      <Legend />
      <ProblemsList />
    </section>
  );
}
